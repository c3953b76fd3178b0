package io.maximbatch.outcome;

/** Why a record is rejected: a code (ours, or MaxIM's answer code) and a readable reason. */
public record Why(String code, String reason) {
}
