/** What every step type shares: the StepType API, decisions, the one write path, the chunk-step builder. */
@ApplicationModule(allowedDependencies = {"jobfile", "ledger", "maxim", "outcome", "report", "source"})
package io.maximbatch.step;

import org.springframework.modulith.ApplicationModule;
