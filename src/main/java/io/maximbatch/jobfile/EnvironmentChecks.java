package io.maximbatch.jobfile;

/**
 * The Bean Validation group of the checks that read the environment (a key's variable is set, and long enough). A
 * command that needs only the job's name (export-map, the ID-map endpoint) parses without them: it never uses the key.
 */
public interface EnvironmentChecks {
}
