/** The create-groups step type and its membership ledger. */
@ApplicationModule(allowedDependencies = {"jobfile", "ledger", "legacy", "maxim", "outcome", "report", "source", "step"})
package io.maximbatch.groups;

import org.springframework.modulith.ApplicationModule;
