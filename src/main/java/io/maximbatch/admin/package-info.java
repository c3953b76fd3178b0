/** The admin API and dashboard of serve. */
@ApplicationModule(allowedDependencies = {"campaign", "delivery", "execution", "jobfile", "ledger", "maxim", "report", "source"})
package io.maximbatch.admin;

import org.springframework.modulith.ApplicationModule;
