/** The outcome of a record: written, updated, already done, rejected with a code and a reason; tallies. */
@ApplicationModule(allowedDependencies = {})
package io.maximbatch.outcome;

import org.springframework.modulith.ApplicationModule;
