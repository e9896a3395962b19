package dev.imagegen4j.mock;

import dev.imagegen4j.ProviderConfig;
import dev.imagegen4j.spi.ProviderSetting;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The script the mock provider (and the {@link MockServer} in front of it) follows: faults to raise
 * and latency to add. Thread-safe; change it at any time from a test.
 *
 * <pre>{@code
 * MockBehavior behavior = new MockBehavior();
 * ImageGenerator generator = ImageGenerator.create(new MockImageProvider(behavior), ProviderConfig.defaults());
 * behavior.failNext(MockFault.RATE_LIMIT).retryAfter(Duration.ofSeconds(2));
 * }</pre>
 *
 * <p>The same script can be set without code through {@link ProviderConfig} settings of the
 * provider {@code mock} (so also as {@code -Dimagegen4j.mock.fault=...} or {@code MOCK_FAULT=...}):
 * <table>
 * <caption>Settings</caption>
 * <tr><th>key</th><th>meaning</th><th>default</th></tr>
 * <tr><td>{@code fault}</td><td>a {@link MockFault} name such as {@code rate_limit}, raised by every request</td><td>none</td></tr>
 * <tr><td>{@code fault-count}</td><td>raise {@code fault} for only this many requests</td><td>all</td></tr>
 * <tr><td>{@code latency}</td><td>added before each response, e.g. {@code 250ms}</td><td>0</td></tr>
 * <tr><td>{@code retry-after}</td><td>the delay a rate limit asks for</td><td>1s</td></tr>
 * <tr><td>{@code timeout}</td><td>latency beyond this fails with a timeout, as a real client would</td><td>10m</td></tr>
 * <tr><td>{@code job-time}</td><td>how long a {@code mock-async} job runs before it ends</td><td>2s</td></tr>
 * <tr><td>{@code job-outcome}</td><td>how it ends: a {@link MockJobOutcome} such as {@code moderated}</td><td>ready</td></tr>
 * </table>
 */
public final class MockBehavior {
    /** The settings {@link #from} reads, as the provider lists them. */
    static final List<ProviderSetting> SETTINGS = List.of(
            ProviderSetting.of("fault", null, "a fault such as rate_limit, raised by every request"),
            ProviderSetting.of("fault-count", null, "raise the fault for only this many requests"),
            ProviderSetting.of("latency", "0", "added before each response, e.g. 250ms"),
            ProviderSetting.of("retry-after", "1s", "the delay a rate limit asks for"),
            ProviderSetting.of("timeout", "10m", "latency beyond this fails with a timeout"),
            ProviderSetting.of("job-time", "2s", "how long a mock-async job runs before it ends"),
            ProviderSetting.of("job-outcome", "ready", "how a mock-async job ends: ready, error, moderated or expired"),
            ProviderSetting.secret("api-key", "the only key the mock server accepts, when set"));

    private final Deque<MockFault> nextFaults = new ArrayDeque<>();
    private @Nullable MockFault alwaysFault;
    private Duration latency = Duration.ZERO;
    private Duration retryAfter = Duration.ofSeconds(1);
    private Duration timeout = Duration.ofMinutes(10);
    private Duration jobTime = Duration.ofSeconds(2);
    private MockJobOutcome jobOutcome = MockJobOutcome.READY;
    private long requests;

    /** A script with no faults and no latency. */
    public MockBehavior() {
    }

    /**
     * The script that the {@code mock} settings in {@code config} describe.
     *
     * @throws IllegalArgumentException naming the setting when a value is invalid
     */
    public static MockBehavior from(ProviderConfig config) {
        MockBehavior behavior = new MockBehavior();
        config.getDuration(MockImageProvider.ID, "latency").ifPresent(behavior::delay);
        config.getDuration(MockImageProvider.ID, "retry-after").ifPresent(behavior::retryAfter);
        config.getDuration(MockImageProvider.ID, "timeout").ifPresent(behavior::timeout);
        config.getDuration(MockImageProvider.ID, "job-time").ifPresent(behavior::jobTime);
        config.get(MockImageProvider.ID, "job-outcome").map(text -> {
            try {
                return MockJobOutcome.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(MockImageProvider.ID + " setting " + e.getMessage(), e);
            }
        }).ifPresent(behavior::jobOutcome);
        config.get(MockImageProvider.ID, "fault").map(MockBehavior::fault).ifPresent(fault -> {
            Optional<Integer> count = config.getInt(MockImageProvider.ID, "fault-count");
            if (count.isEmpty()) {
                behavior.failAlways(fault);
            } else if (count.get() < 0) {
                throw invalidSetting("fault-count", "0 or more", count.get().toString());
            } else {
                behavior.failNext(fault, count.get());
            }
        });
        return behavior;
    }

    private static MockFault fault(String text) {
        try {
            return MockFault.fromWireName(text);
        } catch (IllegalArgumentException e) {
            // Say "mock setting fault must be one of ...", as ProviderConfig's own messages name the setting.
            throw new IllegalArgumentException(MockImageProvider.ID + " setting " + e.getMessage(), e);
        }
    }

    private static IllegalArgumentException invalidSetting(String key, String expected, String value) {
        return new IllegalArgumentException(MockImageProvider.ID + " setting " + key + " must be " + expected
                + " but was '" + value + "'");
    }

    /** Makes the next request fail with {@code fault}, after any faults already queued. */
    public synchronized MockBehavior failNext(MockFault fault) {
        return failNext(fault, 1);
    }

    /** Makes the next {@code times} requests fail with {@code fault}, after any faults already queued. */
    public synchronized MockBehavior failNext(MockFault fault, int times) {
        Objects.requireNonNull(fault, "fault");
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0 but was " + times);
        }
        for (int i = 0; i < times; i++) {
            nextFaults.add(fault);
        }
        return this;
    }

    /** Makes every request fail with {@code fault} once the queued faults are used up; {@code null} stops it. */
    public synchronized MockBehavior failAlways(@Nullable MockFault fault) {
        alwaysFault = fault;
        return this;
    }

    /** Adds {@code latency} before every response. */
    public synchronized MockBehavior delay(Duration latency) {
        this.latency = requireNotNegative(latency, "latency");
        return this;
    }

    /** The delay a {@link MockFault#RATE_LIMIT} asks the caller to wait. */
    public synchronized MockBehavior retryAfter(Duration retryAfter) {
        this.retryAfter = requireNotNegative(retryAfter, "retryAfter");
        return this;
    }

    /** How long a request may take before it fails with a timeout. */
    public synchronized MockBehavior timeout(Duration timeout) {
        this.timeout = requireNotNegative(timeout, "timeout");
        return this;
    }

    /**
     * How long each {@code mock-async} job submitted from now on runs: queued for its first half,
     * running for the second, then ended as {@link #jobOutcome} says. The time is measured on the wall
     * clock from the submission, so a job found again by another process has gone on meanwhile.
     */
    public synchronized MockBehavior jobTime(Duration jobTime) {
        this.jobTime = requireNotNegative(jobTime, "jobTime");
        return this;
    }

    /** How each {@code mock-async} job submitted from now on ends. */
    public synchronized MockBehavior jobOutcome(MockJobOutcome outcome) {
        this.jobOutcome = Objects.requireNonNull(outcome, "outcome");
        return this;
    }

    /** Removes every fault and the latency. */
    public synchronized MockBehavior reset() {
        nextFaults.clear();
        alwaysFault = null;
        latency = Duration.ZERO;
        return this;
    }

    /** How many backend calls the script has served, those that failed with a fault included. */
    public synchronized long requestCount() {
        return requests;
    }

    synchronized @Nullable MockFault takeFault() {
        requests++;
        MockFault next = nextFaults.poll();
        return next != null ? next : alwaysFault;
    }

    synchronized Duration latency() {
        return latency;
    }

    synchronized Duration retryAfter() {
        return retryAfter;
    }

    synchronized Duration timeout() {
        return timeout;
    }

    synchronized Duration jobTime() {
        return jobTime;
    }

    synchronized MockJobOutcome jobOutcome() {
        return jobOutcome;
    }

    private static Duration requireNotNegative(Duration value, String name) {
        if (Objects.requireNonNull(value, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative but was " + value);
        }
        return value;
    }
}
