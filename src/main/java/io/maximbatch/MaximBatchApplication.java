package io.maximbatch;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class MaximBatchApplication {
}
