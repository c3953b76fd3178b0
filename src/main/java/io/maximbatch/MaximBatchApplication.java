package io.maximbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application's configuration root; the command line (cli.MaximBatchCommand, the jar's main class) starts it as needed. */
@SpringBootApplication
public class MaximBatchApplication {
}
