/** The MaxIM client: calls, rate limit, retries, per-item results; knows nothing of Spring Batch. */
@ApplicationModule(allowedDependencies = {})
package io.maximbatch.maxim;

import org.springframework.modulith.ApplicationModule;
