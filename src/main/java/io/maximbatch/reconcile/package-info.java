/** Compares what the sources expect with what MaxIM holds. */
@ApplicationModule(allowedDependencies = {"jobfile", "ledger", "maxim", "report", "source", "step"})
package io.maximbatch.reconcile;

import org.springframework.modulith.ApplicationModule;
