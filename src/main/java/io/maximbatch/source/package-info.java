/** Readers: CSV, JDBC, partitioners. */
@ApplicationModule(allowedDependencies = {})
package io.maximbatch.source;

import org.springframework.modulith.ApplicationModule;
