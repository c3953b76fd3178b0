package io.maximbatch.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Parameters;

/** A job file and the run's parameters its sources' queries use: the arguments of the commands that read the sources. */
final class JobFileArguments {

    @Parameters(index = "0", paramLabel = "<job-file>")
    Path jobFile;

    @Parameters(index = "1..*", paramLabel = "name=value", description = "the run's parameters its sources' queries use")
    List<String> parameters = List.of();

    /** The name=value parameters, checked as a run checks them; a bad one is exit code 2. */
    Map<String, String> checkedParameters() {
        return CliCommand.jobParameters(parameters);
    }
}
