package dev.jwtsigner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwtsigner.JwsAlgorithm;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the optional engines start loading: {@link EngineTable.Policy}. */
class EngineTableTest {

  /** A Bouncy Castle loader that records when it ran; ACCP absent. */
  private final AtomicLong loadedAt = new AtomicLong();
  private final CountDownLatch loaded = new CountDownLatch(1);

  private EngineTable table(EngineTable.Policy policy) {
    return new EngineTable(
        new EngineTable.Loader("test-accp-loader", () -> Providers.Accp.load("com.example.NoSuchProvider")),
        new EngineTable.Loader("test-bc-loader", () -> {
          loadedAt.set(System.nanoTime());
          loaded.countDown();
          return Engine.of(Providers.bouncyCastle(), "BC (test)");
        }),
        policy);
  }

  /** Asks for ES512 engines until Bouncy Castle's is among them (at most 30 s); its position, or -1. */
  private static int untilBouncyCastle(EngineTable table) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (table.ready(JwsAlgorithm.ES512).size() == 2) {
        return 0;
      }
      Thread.sleep(5);
    }
    return -1;
  }

  @Test
  void byDefaultThirtyTwoUsesOrOneSecondAfterTheFirstStartTheLoads() {
    assertThat(EngineTable.Policy.DEFAULT).isEqualTo(new EngineTable.Policy(32, 1_000));
  }

  @Test
  void aTableNoSignerHasAskedLoadsNothingAndSaysSo() throws Exception {
    EngineTable table = table(new EngineTable.Policy(32, 0));
    assertThat(table.describe(JwsAlgorithm.ES512)).matches(
        "ES512 → SunEC [0-9.]+ \\(JDK\\) \\(a faster engine, if present, loads once signing has gone on for a moment\\)");
    assertThat(loaded.await(200, TimeUnit.MILLISECONDS)).as("describing starts no load").isFalse();
  }

  @Test
  void theLoadsStartOnlyWhenTheDelayAfterTheFirstAskHasPassed() throws Exception {
    EngineTable table = table(new EngineTable.Policy(1_000, 400));
    long asked = System.nanoTime();
    assertThat(table.ready(JwsAlgorithm.ES512)).hasSize(1);

    assertThat(untilBouncyCastle(table)).isZero();
    assertThat(TimeUnit.NANOSECONDS.toMillis(loadedAt.get() - asked)).isGreaterThanOrEqualTo(400);
    assertThat(table.describe(JwsAlgorithm.ES512)).isEqualTo("ES512 → BC (test)");
  }

  @Test
  void theLastOfTheCountedUsesStartsTheLoadsAtOnce() throws Exception {
    EngineTable table = table(new EngineTable.Policy(3, 600_000));
    table.ready(JwsAlgorithm.ES512);
    table.used();
    table.used();
    assertThat(loaded.await(300, TimeUnit.MILLISECONDS)).as("two uses of three").isFalse();
    assertThat(table.describe(JwsAlgorithm.ES512)).endsWith(" (a faster engine, if present, loads once signing has gone on for a moment)");

    table.used();

    assertThat(untilBouncyCastle(table)).isZero();
  }

  @Test
  void waitingForTheEnginesLoadsThemNowWhateverThePolicy() {
    EngineTable table = table(new EngineTable.Policy(1_000, 600_000));
    assertThat(table.loaded(JwsAlgorithm.ES512)).extracting(Engine::description).first().isEqualTo("BC (test)");
    assertThat(table.loaded(JwsAlgorithm.RS256)).hasSize(1);
  }
}
