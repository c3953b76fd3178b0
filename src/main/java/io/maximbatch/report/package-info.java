/** Run state kept with the job: step outcomes, reject store and reports, ID-map export, private files. */
@ApplicationModule(allowedDependencies = {"ledger", "outcome"})
package io.maximbatch.report;

import org.springframework.modulith.ApplicationModule;
