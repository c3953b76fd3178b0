/** The ID maps and the applied-state ledger (the project's own tables). */
@ApplicationModule(allowedDependencies = {})
package io.maximbatch.ledger;

import org.springframework.modulith.ApplicationModule;
