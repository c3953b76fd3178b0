/** The register-users step type: registration, usernames, passwords, account attributes. */
@ApplicationModule(allowedDependencies = {"jobfile", "ledger", "maxim", "outcome", "report", "source", "step"})
package io.maximbatch.users;

import org.springframework.modulith.ApplicationModule;
