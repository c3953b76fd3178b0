/** The import-rosters step type and its friendship ledger. */
@ApplicationModule(allowedDependencies = {"jobfile", "ledger", "maxim", "outcome", "report", "source", "step"})
package io.maximbatch.roster;

import org.springframework.modulith.ApplicationModule;
