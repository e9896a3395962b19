package dev.imagegen4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Costs on responses, and the limits that refuse a request before anything is sent. */
@Timeout(30)
class BudgetTest {
    private static final long WAIT_SECONDS = 10;

    /** One text token and two output tokens per image, as FakeProvider's usage reports them for a call of one. */
    private static final TokenRule TOKENS = (request, model) -> {
        int n = request.count() == null ? 1 : request.count();
        return new TokenEstimate(n, 0, 2L * n, List.of());
    };
    /** Up to 8 images, one per call. */
    private static final ModelSpec PRICED = ModelSpec.builder("priced").known(true).count(IntRange.of(1, 8))
            .maxImagesPerCall(1).tokens(TOKENS).build();
    private static final ModelSpec UNPRICED = ModelSpec.builder("unpriced").known(true).tokens(TOKENS).build();
    /** $0.001 per token of either kind: a call of one image costs $0.003. */
    private static final PriceCatalog PRICES;

    static {
        try {
            PRICES = PriceCatalog.parse(new StringReader("""
                    fake/priced.date=2026-12-02
                    fake/priced.source=https://vendor.example/prices
                    fake/priced.text-input=1000
                    fake/priced.image-output=1000
                    """), "test");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final List<ImageGenerator> generators = new ArrayList<>();
    private final List<ExecutorService> executors = new ArrayList<>();
    private FakeProvider.Backend backend;

    @AfterEach
    void closeEverything() {
        generators.forEach(ImageGenerator::close);
        executors.forEach(ExecutorService::shutdownNow);
    }

    private ImageGenerator generator(Consumer<ImageGenerator.Builder> configure) {
        FakeProvider provider = new FakeProvider(PRICED, UNPRICED);
        backend = provider.backend;
        ImageGenerator.Builder builder = ImageGenerator.builder(provider).prices(PRICES);
        configure.accept(builder);
        ImageGenerator generator = builder.build();
        generators.add(generator);
        return generator;
    }

    private static ImageRequest request(int count) {
        return ImageRequest.builder("a lighthouse").model("priced").count(count).build();
    }

    @Test
    void everyResponseCarriesItsCostFromTheUsage() {
        ImageResponse response = generator(b -> { }).generate(request(1));

        assertThat(response.cost().usd()).isEqualByComparingTo("0.003");
        assertThat(response.cost().price().source()).isEqualTo("https://vendor.example/prices");
    }

    @Test
    void theCostOfASplitRequestIsTheSumOfItsCalls() {
        ImageResponse response = generator(b -> { }).generate(request(3));

        assertThat(backend.calls).hasSize(3);
        assertThat(response.cost().usd()).isEqualByComparingTo("0.009");
    }

    @Test
    void aSplitRequestWithACallWithoutUsageHasAnUnknownCost() {
        ImageGenerator generator = generator(b -> { });
        AtomicInteger calls = new AtomicInteger();
        backend.usage = call -> calls.incrementAndGet() == 2 ? null : FakeProvider.USAGE;

        ImageResponse response = generator.generate(request(3));

        assertThat(response.cost().usd()).isNull();
        assertThat(response.cost().notes()).contains("the provider reported no token usage for priced");
    }

    @Test
    void estimatesBeforeSendingAnything() {
        CostEstimate estimate = generator(b -> { }).estimate(request(4));

        assertThat(estimate.usd()).isEqualByComparingTo("0.012");
        assertThat(estimate.tokens().imageOutputTokens()).isEqualTo(8);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void aRequestAboveThePerRequestMaximumIsRefusedNamingTheEstimateAndTheLimitWithNothingSent() {
        ImageGenerator generator = generator(b -> b.maxCostPerRequest(new BigDecimal("0.005")));

        BudgetExceededException refused = catchThrowableOfType(() -> generator.generate(request(2)),
                BudgetExceededException.class);

        assertThat(refused).hasMessage("The estimated cost $0.006 (4 output tokens) of priced exceeds the "
                + "per-request limit of $0.005; nothing was sent (provider fake)");
        assertThat(refused.estimate().usd()).isEqualByComparingTo("0.006");
        assertThat(refused.limit()).isEqualByComparingTo("0.005");
        assertThat(refused.isRetryable()).isFalse();
        assertThat(backend.calls).isEmpty();
        assertThat(generator.generate(request(1)).cost().usd()).isEqualByComparingTo("0.003");
    }

    @Test
    void aLimitRefusesARequestWhoseCostCannotBeEstimated() {
        ImageGenerator generator = generator(b -> b.maxCostPerRequest(BigDecimal.TEN));

        assertThatThrownBy(() -> generator.generate(ImageRequest.builder("a").model("unpriced").build()))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("The cost of unpriced cannot be estimated (the price catalog has no price for "
                        + "fake/unpriced), so the per-request limit of $10.00 cannot be kept; nothing was sent "
                        + "(provider fake)");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void aSplitRequestThatDoesNotFitTheBudgetIsRefusedBeforeItsFirstCall() {
        CostBudget budget = CostBudget.of(new BigDecimal("0.010"));
        ImageGenerator generator = generator(b -> b.budget(budget));

        assertThatThrownBy(() -> generator.generate(request(4)))
                .isInstanceOf(BudgetExceededException.class)
                .hasMessage("The estimated cost $0.012 (8 output tokens) of priced exceeds what remains of the "
                        + "budget: $0.01 of $0.01 (spent $0.00, reserved $0.00); nothing was sent (provider fake)");
        assertThat(backend.calls).isEmpty();
        assertThat(budget.spent()).isZero();
    }

    @Test
    void theBudgetSettlesToTheActualCostAndRefusesWhatNoLongerFits() {
        CostBudget budget = CostBudget.of(new BigDecimal("0.007"));
        ImageGenerator generator = generator(b -> b.budget(budget));

        generator.generate(request(1));
        generator.generate(request(1));

        assertThat(budget.spent()).isEqualByComparingTo("0.006");
        assertThat(budget.reserved()).isZero();
        assertThatThrownBy(() -> generator.generate(request(1))).isInstanceOf(BudgetExceededException.class);
        assertThat(backend.calls).hasSize(2);
    }

    @Test
    void aCallWithoutUsageKeepsItsEstimateAsSpent() {
        CostBudget budget = CostBudget.of(BigDecimal.ONE);
        ImageGenerator generator = generator(b -> b.budget(budget));
        backend.usage = call -> null;

        generator.generate(request(1));

        assertThat(budget.spent()).isEqualByComparingTo("0.003");
    }

    @Test
    void aCallTheProviderRefusedGivesItsReservationBackAndOneThatMayHaveBeenBilledKeepsIt() {
        CostBudget budget = CostBudget.of(BigDecimal.ONE);
        ImageGenerator generator = generator(b -> b.budget(budget));
        backend.step = call -> {
            throw new InvalidRequestException("refused", ErrorDetails.of(FakeProvider.ID), null, null);
        };
        assertThatThrownBy(() -> generator.generate(request(1))).isInstanceOf(InvalidRequestException.class);
        assertThat(budget.spent()).isZero();

        backend.step = call -> {
            throw new ProviderUnavailableException("connection reset after sending", ErrorDetails.of(FakeProvider.ID),
                    null, false);
        };
        assertThatThrownBy(() -> generator.generate(request(1))).isInstanceOf(ProviderUnavailableException.class);

        assertThat(budget.spent()).isEqualByComparingTo("0.003");
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void eightConcurrentCallsNeverOvershootTheBudget() throws Exception {
        // Room for five calls of $0.003; eight start at once and are held inside the provider, so every
        // reservation is made while the others are still in flight.
        CostBudget budget = CostBudget.of(new BigDecimal("0.015"));
        ImageGenerator generator = generator(b -> b.budget(budget));
        CountDownLatch release = new CountDownLatch(1);
        backend.step = call -> release.await(WAIT_SECONDS, TimeUnit.SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        executors.add(pool);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Future<ImageResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                try {
                    return generator.generate(request(1));
                } catch (BudgetExceededException e) {
                    refused.incrementAndGet();
                    return null;
                }
            }));
        }

        start.countDown();
        while (backend.running.get() + refused.get() < 8) {
            assertThat(budget.reserved()).isLessThanOrEqualTo(budget.limit());
            Thread.onSpinWait();
        }
        assertThat(budget.reserved()).isEqualByComparingTo("0.015");
        release.countDown();
        int succeeded = 0;
        for (Future<ImageResponse> call : calls) {
            succeeded += call.get(WAIT_SECONDS, TimeUnit.SECONDS) == null ? 0 : 1;
        }

        assertThat(succeeded).isEqualTo(5);
        assertThat(refused.get()).isEqualTo(3);
        assertThat(backend.calls).hasSize(5);
        assertThat(budget.spent()).isEqualByComparingTo("0.015");
        assertThat(budget.reserved()).isZero();
        assertThat(budget.remaining()).isZero();
    }

    @Test
    void aBudgetCannotBeNegative() {
        assertThatThrownBy(() -> CostBudget.of(new BigDecimal("-1")))
                .hasMessage("a budget cannot be negative but was -1");
        assertThatThrownBy(() -> ImageGenerator.builder(new FakeProvider(PRICED)).maxCostPerRequest(new BigDecimal("-0.5")))
                .hasMessage("maxCostPerRequest cannot be negative but was -0.5");
    }
}
