/** The push-campaign and send-message step types, and their send ledger. */
@ApplicationModule(allowedDependencies = {"execution", "jobfile", "ledger", "maxim", "outcome", "report", "source", "step"})
package io.maximbatch.campaign;

import org.springframework.modulith.ApplicationModule;
