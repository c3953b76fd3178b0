/** The picocli commands: parse, call a service, print. */
@ApplicationModule(allowedDependencies = {"campaign", "delivery", "execution", "groups", "jobfile", "ledger", "maxim", "partition", "reconcile", "report", "sandbox", "schedule", "source", "step"})
package io.maximbatch.cli;

import org.springframework.modulith.ApplicationModule;
