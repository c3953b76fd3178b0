/** Cron slots for serve. */
@ApplicationModule(allowedDependencies = {"execution", "jobfile"})
package io.maximbatch.schedule;

import org.springframework.modulith.ApplicationModule;
