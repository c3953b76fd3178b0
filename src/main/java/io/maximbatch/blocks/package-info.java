/** The block-users step type: users' blacklists (a legacy server's deny lists), each block made once. */
@ApplicationModule(allowedDependencies = {"jobfile", "ledger", "maxim", "outcome", "report", "source", "step"})
package io.maximbatch.blocks;

import org.springframework.modulith.ApplicationModule;
