/**
 * Delivery statistics of push campaigns: the run's task ids from the send ledger, their figures per channel from
 * /push/task/detail, stored in the job database (refreshed by `serve`) for the CLI, the API, the dashboard and the gauges.
 */
@ApplicationModule(allowedDependencies = {"campaign", "execution", "jobfile", "ledger", "maxim", "schedule"})
package io.maximbatch.delivery;

import org.springframework.modulith.ApplicationModule;
