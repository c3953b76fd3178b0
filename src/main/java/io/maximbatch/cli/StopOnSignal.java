package io.maximbatch.cli;

import io.maximbatch.execution.Executions;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.batch.core.job.JobExecution;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While `run` runs a job, Ctrl-C (SIGINT) or SIGTERM stops its execution like `stop` would: at the next chunk
 * boundary, calls in flight cancelled, the execution STOPPED and resumable by the same command. The JVM's own
 * handling would end the process mid-chunk and leave the execution to crash recovery. A second signal quits at once.
 */
final class StopOnSignal implements AutoCloseable {

    private static final int QUIT_AT_ONCE = 130;

    private final Executions executions;
    private final PrintWriter err;
    private final AtomicReference<JobExecution> execution = new AtomicReference<>();
    private final Map<Signal, SignalHandler> previous = new HashMap<>();
    private volatile boolean signalled;

    StopOnSignal(Executions executions, PrintWriter err) {
        this.executions = executions;
        this.err = err;
        for (String name : List.of("INT", "TERM")) {
            Signal signal = new Signal(name);
            previous.put(signal, Signal.handle(signal, this::onSignal));
        }
    }

    /** The execution the run started; stopped at once when a signal came first. */
    void started(JobExecution started) {
        execution.set(started);
        if (signalled) {
            stop(started);
        }
    }

    private void onSignal(Signal signal) {
        if (signalled) {
            err.println("maxim-batch: SIG" + signal.getName() + " again: quitting now; the execution is recovered by the next run");
            err.flush();
            System.exit(QUIT_AT_ONCE);
        }
        signalled = true;
        err.println("maxim-batch: SIG" + signal.getName() + ": stopping at the next chunk boundary (again to quit at once)");
        err.flush();
        JobExecution running = execution.get();
        if (running != null) {
            stop(running);
        }
    }

    private void stop(JobExecution running) {
        try {
            executions.stop(running);
        } catch (Exception notRunning) {
            // It ended meanwhile: nothing to stop.
        }
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
    }
}
