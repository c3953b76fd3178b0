/** The run lifecycle: job catalog, job building, locks, runs, dry runs, restarts, read-side queries. */
@ApplicationModule(allowedDependencies = {"jobfile", "maxim", "report", "step"})
package io.maximbatch.execution;

import org.springframework.modulith.ApplicationModule;
