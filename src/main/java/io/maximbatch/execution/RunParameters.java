package io.maximbatch.execution;

import io.maximbatch.jobfile.JobFile;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's job parameters, in one place for `run`, the API and scheduled slots: the name=value parameters a user
 * gives (which identify the run), and ours, whose names are reserved.
 */
public final class RunParameters {

    /** Identifying: tells apart runs of the same file with the same parameters. */
    public static final String RUN_ID = "run.id";
    /** Not identifying: the job file an execution came from, so that a restart or a worker can rebuild it. */
    public static final String JOB_FILE = "job-file";
    /** Identifying, of a scheduled run: the slot time, so that each slot is its own job instance. */
    public static final String RUN_KEY = "run-key";
    /** Not identifying: marks a run started with --new. */
    public static final String NEW_RUN = "new-run";

    private static final Set<String> RESERVED = Set.of(RUN_ID, JOB_FILE, RUN_KEY, NEW_RUN);
    /** Names that say the value is a secret (auth but not author): job parameters are stored and shown. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|pwd|secret|token|credential|api[_.-]?key|auth(?!or)|bearer|private).*");
    /** At most: job parameters are rows of the job database and part of every listing. */
    static final int MAX_PARAMETERS = 50;
    static final int MAX_VALUE_LENGTH = 1000;

    private static final JsonMapper CANONICAL = JsonMapper.builder().build();

    private RunParameters() {
    }

    /** The parameters a user gives (command line or API), checked: throws IllegalArgumentException saying what is wrong. */
    public static Map<String, String> checked(Map<String, String> given) {
        if (given.size() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("at most " + MAX_PARAMETERS + " parameters, got " + given.size());
        }
        Map<String, String> checked = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (name == null || !JobFile.PARAMETER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("parameter names start with a letter and hold up to 100 letters, digits, _ . -; got: "
                        + (name == null ? null : name.length() > 100 ? name.substring(0, 100) + "..." : name));
            }
            if (SECRET_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("parameter " + name + " looks like a secret; job parameters are stored in the job"
                        + " database, so pass secrets through environment variables instead");
            }
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("parameter name " + name + " is reserved by maxim-batch");
            }
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no value");
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("parameter " + name + " is " + value.length() + " characters long; at most "
                        + MAX_VALUE_LENGTH);
            }
            checked.put(name, value);
        });
        return checked;
    }

    /** The name=value parameters of a run (the identifying ones but our run id). */
    public static Map<String, String> userParameters(JobParameters parameters) {
        Map<String, String> user = new HashMap<>();
        for (JobParameter<?> parameter : parameters.getIdentifyingParameters()) {
            if (!parameter.name().equals(RUN_ID)) {
                user.put(parameter.name(), String.valueOf(parameter.value()));
            }
        }
        return user;
    }

    /**
     * The run a campaign's sends belong to: the run-key (a schedule slot gives one); after `run --new`, that run;
     * otherwise the run's parameters, so that running the same campaign again with the same parameters reaches nobody twice.
     */
    public static String runKey(JobParameters parameters) {
        String given = parameters.getString(RUN_KEY);
        if (given != null) {
            return given;
        }
        if (parameters.getString(NEW_RUN) != null) {
            return "run-" + parameters.getLong(RUN_ID, 0L);
        }
        return parametersKey(userParameters(parameters));
    }

    /** The run key of a run's parameters: a hash of their canonical JSON (sorted by name), so no two sets share it. */
    static String parametersKey(Map<String, String> parameters) {
        return "params-" + HexFormat.of().formatHex(sha256(CANONICAL.writeValueAsString(new TreeMap<>(parameters)))).substring(0, 16);
    }

    /** The parameters of a new run: the user's (identifying), its run id, the job file, and whether --new asked for it. */
    static JobParameters newRun(Map<String, String> parameters, long runId, String jobFile, boolean fresh) {
        JobParametersBuilder builder = new JobParametersBuilder();
        parameters.forEach((name, value) -> builder.addString(name, value, true));
        builder.addLong(RUN_ID, runId, true);
        if (fresh) {
            // Marks a run the operator asked to be new: a campaign then reaches its audience again (see runKey).
            builder.addString(NEW_RUN, "true", false);
        }
        return builder.addString(JOB_FILE, jobFile, false).toJobParameters();
    }

    /** The parameters of a scheduled slot's run: its run-key (which alone identifies it) and the job file. */
    static JobParameters slotRun(String runKey, String jobFile) {
        return new JobParametersBuilder(slot(runKey)).addString(JOB_FILE, jobFile, false).toJobParameters();
    }

    /** The identifying parameters of a scheduled slot's job instance. */
    public static JobParameters slot(String runKey) {
        return new JobParametersBuilder().addString(RUN_KEY, runKey, true).toJobParameters();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
