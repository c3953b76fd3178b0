package io.maximbatch.jobfile;

/** One step of a job file, read and checked once: its name, its kind, the keys every step has, and its typed settings. */
public record StepDefinition<S>(String name, StepKind<S> kind, CommonSettings common, S settings) {

    public String type() {
        return kind.type();
    }
}
