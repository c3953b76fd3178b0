/** Partitions of a step, on local threads or remote workers. */
@ApplicationModule(allowedDependencies = {"execution", "jobfile", "maxim", "report", "step"})
package io.maximbatch.partition;

import org.springframework.modulith.ApplicationModule;
