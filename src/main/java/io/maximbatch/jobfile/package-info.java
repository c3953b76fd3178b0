/** The job-file model and parser. */
@ApplicationModule(allowedDependencies = {"maxim", "source"})
package io.maximbatch.jobfile;

import org.springframework.modulith.ApplicationModule;
