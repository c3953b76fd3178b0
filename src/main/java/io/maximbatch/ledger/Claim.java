package io.maximbatch.ledger;

/** A row of this run's input that an ID map found done: its legacy id and its position in the input. */
public record Claim(String legacyId, String sourceLine) {
}
