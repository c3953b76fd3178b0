package io.maximbatch.sandbox;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Fault switches of a running sandbox; every MaxIM request reads them afresh, so a change applies at once. */
public final class SandboxFaults {

    /**
     * @param latencyMs  delay before each answer
     * @param rateLimit  requests per second admitted (fixed one-second window); 0 = unlimited
     * @param p503       probability of an HTTP 503 with no work done
     * @param p20000     probability of code 20000 with no work done
     * @param pdrop      probability that the connection is closed without an answer after the work was done
     * @param forcedCode when not null, every request answers this code with no work done
     * @param seed       seed of the random source deciding the probabilistic faults
     * @param p20006     probability of code 20006 (group in repair mode) with no work done
     * @param preset     probability that the connection is closed without an answer before any work
     * @param pslow      probability that the answer comes slowMs late, after the work was done (a client timeout)
     * @param slowMs     delay of a slow answer
     */
    public record Settings(long latencyMs, int rateLimit, double p503, double p20000, double pdrop,
                           Integer forcedCode, long seed, double p20006, double preset, double pslow, long slowMs) {

        public Settings {
            if (latencyMs < 0 || rateLimit < 0 || slowMs < 0) {
                throw new IllegalArgumentException("latencyMs, rateLimit and slowMs must not be negative");
            }
            checkProbability("p503", p503);
            checkProbability("p20000", p20000);
            checkProbability("pdrop", pdrop);
            checkProbability("p20006", p20006);
            checkProbability("preset", preset);
            checkProbability("pslow", pslow);
        }

        /** The common faults; no 20006, resets or slow answers. */
        public Settings(long latencyMs, int rateLimit, double p503, double p20000, double pdrop, Integer forcedCode, long seed) {
            this(latencyMs, rateLimit, p503, p20000, pdrop, forcedCode, seed, 0, 0, 0, 0);
        }

        public static Settings none() {
            return new Settings(0, 0, 0, 0, 0, null, 0);
        }

        private static void checkProbability(String name, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(name + " must be within 0..1: " + p);
            }
        }
    }

    /** Answers still to drop per path, after the work is done: a lost answer exactly where a test wants one. */
    private final Map<String, AtomicInteger> drops = new ConcurrentHashMap<>();
    /** Paths answered 404 as if the server did not know them, e.g. an older MaxIM without /roster/list. */
    private final Set<String> unknown = ConcurrentHashMap.newKeySet();
    /** Answers still to give per path as `data: false` with no work done: a Response«boolean» refusing without a code. */
    private final Map<String, AtomicInteger> falses = new ConcurrentHashMap<>();
    /** Answers still to give per path with the first item's user_id null (the Swagger requires none); work done as usual. */
    private final Map<String, AtomicInteger> nullUserIds = new ConcurrentHashMap<>();
    /** Per-user answers still to give per path as every item failing with a reason, no work done. */
    private final Map<String, AtomicInteger> failedItems = new ConcurrentHashMap<>();
    private final Map<String, String> failedItemReasons = new ConcurrentHashMap<>();
    /** Per path: answers still to give as usual, then the code every answer gets (forceCodeAfter). */
    private final Map<String, ForcedAfter> forcedAfter = new ConcurrentHashMap<>();
    private volatile Settings settings;
    private volatile Random random;

    private record ForcedAfter(AtomicInteger usual, int code) {
    }
    private long windowStartNanos;
    private int windowCount;

    SandboxFaults(Settings initial) {
        set(initial);
    }

    public Settings settings() {
        return settings;
    }

    /** New settings; answers still to drop (dropNextAnswers) are forgotten. */
    public void set(Settings s) {
        if (s == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        // random first: a reader seeing the new settings must not draw from the old seed's stream
        random = new Random(s.seed());
        drops.clear();
        unknown.clear();
        falses.clear();
        nullUserIds.clear();
        failedItems.clear();
        forcedAfter.clear();
        settings = s;
    }

    /** One rate-limit decision; the window starts with the first request after the previous window ended. */
    synchronized boolean admit(int rateLimit) {
        if (rateLimit <= 0) {
            return true;
        }
        long now = System.nanoTime();
        if (windowCount == 0 || now - windowStartNanos >= 1_000_000_000L) {
            windowStartNanos = now;
            windowCount = 0;
        }
        windowCount++;
        return windowCount <= rateLimit;
    }

    /** Drops the next count answers to path (e.g. "/group/invite") after their work is done. */
    public void dropNextAnswers(String path, int count) {
        drops.put(path, new AtomicInteger(count));
    }

    /** Answers the next count calls to path (e.g. "/user/push/alias") with code 200 and `data: false`, doing nothing. */
    public void answerFalseNext(String path, int count) {
        falses.put(path, new AtomicInteger(count));
    }

    /** Gives the next count answers to path (e.g. "/group/invite") with their first item's user_id null, after the work. */
    public void nullUserIdNext(String path, int count) {
        nullUserIds.put(path, new AtomicInteger(count));
    }

    /**
     * Answers the next count calls to path with every item failing with this reason and nothing done: each user of a
     * user_list (/group/invite, /group/kick) "fail", each {user_id} of a list (/user/profile/batch) success false.
     */
    public void failItemsNext(String path, int count, String reason) {
        failedItemReasons.put(path, reason);
        failedItems.put(path, new AtomicInteger(count));
    }

    /**
     * Answers the next count calls to path as usual, then every later one with this code and nothing done, until the
     * next set: a fatal answer after exactly so much work, where switching the settings would race the run. A code
     * from 500 to 599 is an HTTP status (e.g. 503, retried by the client), any other a MaxIM code.
     */
    public void forceCodeAfter(String path, int count, int code) {
        forcedAfter.put(path, new ForcedAfter(new AtomicInteger(count), code));
    }

    /** The code this answer to path is forced to by forceCodeAfter (counted), or null when it is answered as usual. */
    Integer forcedCodeThis(String path) {
        ForcedAfter forced = forcedAfter.get(path);
        return forced == null || forced.usual().getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? null : forced.code();
    }

    boolean answerFalseThis(String path) {
        return take(falses, path);
    }

    boolean nullUserIdThis(String path) {
        return take(nullUserIds, path);
    }

    /** The reason every item of this answer to path fails with, or null when it is answered as usual (counted). */
    String failItemsThis(String path) {
        return take(failedItems, path) ? failedItemReasons.get(path) : null;
    }

    private static boolean take(Map<String, AtomicInteger> counts, String path) {
        AtomicInteger left = counts.get(path);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** Answers 404 to path from now on, until the next set. */
    public void unknownPath(String path) {
        unknown.add(path);
    }

    boolean isUnknown(String path) {
        return unknown.contains(path);
    }

    /** Whether this answer to path is one to drop (counted). */
    boolean dropThis(String path) {
        return take(drops, path);
    }

    boolean roll(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }
}
