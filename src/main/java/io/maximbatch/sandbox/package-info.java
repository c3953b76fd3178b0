/**
 * An in-process MaxIM-compatible server ({@link io.maximbatch.sandbox.SandboxServer}) with fault switches, for
 * tests and the {@code sandbox} command.
 *
 * <p>Choices where the vendor is silent: adding a friend is directed (only the adder's list changes); the owner is
 * a member of their group; {@code /group/info/batch} lists destroyed groups with {@code status} 1 while every other
 * group call answers 20001 for them; a failing batch item's {@code reason} is
 * the vendor's text without a code ("User is already a group member");
 * member-list cursors are decimal offsets. The rate limit is a fixed one-second window started by the first request
 * after the previous window; a dropped answer closes the connection before any header is sent.
 */
@ApplicationModule(allowedDependencies = {"maxim"})
package io.maximbatch.sandbox;

import org.springframework.modulith.ApplicationModule;
