package io.maximbatch;

import io.maximbatch.cli.MaximBatchCommand;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MaximBatchApplication {

    public static void main(String[] args) {
        System.exit(MaximBatchCommand.execute(args));
    }
}
