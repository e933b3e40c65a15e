package dev.jwtsigner.bench;

import dev.jwtsigner.JwsAlgorithm;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The verifiers' cost next to the raw verify, measured in pairs, for a machine too busy for separate JMH
 * runs to resolve a few percent (on a shared 2-core machine the same benchmark's CPU time per operation
 * moves by 10-20 % between iterations). On one thread it alternates short batches of the floor and of each
 * contender, in rotating order, and adds up each one's thread CPU time, so a change in load falls on all of
 * them alike. The states and contenders are {@link VerifyBenchmarks}'s own ({@link VerifyingState},
 * {@link PayloadState}, the raw floors), and every call must accept its token.
 *
 * <pre>{@code
 * ./mvnw -q -Pbench -pl benchmarks -am package -Dquick -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.jwtsigner.bench.VerifyPaired        # 20 s per case
 * java -cp benchmarks/target/benchmarks.jar dev.jwtsigner.bench.VerifyPaired 60     # 60 s per case
 * }</pre>
 *
 * <p>Prints, per case (RS256, ES512, the signed payload), CPU µs per token and floor ÷ contender (above 1:
 * cheaper than the floor). Not a JMH benchmark: a complement that answers only "how much does each
 * contender add to the signature check".
 */
public final class VerifyPaired {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** Each batch runs about this long, so a load change rarely falls inside one contender's batches only. */
  private static final long BATCH_NANOS = 2_000_000;

  private VerifyPaired() {}

  /** One contender: a name and one call, true when it accepted the token. */
  private record Contender(String name, BooleanSupplier call) {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 20;
    System.out.printf(Locale.ROOT, "Java %s; %.0f s per case, one thread, batches of about %d ms%n%n",
        System.getProperty("java.version"), seconds, BATCH_NANOS / 1_000_000);
    System.out.println("| case | contender | CPU µs/token | floor ÷ contender |");
    System.out.println("| --- | --- | ---: | ---: |");
    for (JwsAlgorithm alg : List.of(JwsAlgorithm.RS256, JwsAlgorithm.ES512)) {
      VerifyingState state = new VerifyingState();
      state.alg = alg;
      state.setUp();
      RawVerifiers raw = new RawVerifiers();
      raw.setUp(state);
      Contender floor = alg == JwsAlgorithm.ES512
          ? new Contender("floor: jcaBouncyCastle", () -> check(raw::verifyBouncyCastle))
          : new Contender("floor: jcaJdk", () -> check(raw::verifyJdk));
      run(alg.name(), seconds, List.of(floor,
          new Contender("jwsDecoder", () -> state.jwsDecoder().signatureValid()),
          new Contender("atomicPlatformVerifier", () -> state.atomicPlatformVerifier().accepted())));
    }
    PayloadState payload = new PayloadState();
    payload.setUp();
    PayloadRawVerifiers raw = new PayloadRawVerifiers();
    raw.setUp(payload);
    run("payload", seconds, List.of(
        new Contender("floor: payloadJcaJdk", () -> check(raw::verifyJdk)),
        new Contender("payloadJwsDecoder", () -> payload.jwsDecoder().signatureValid()),
        new Contender("payloadVerifier", () -> payload.payloadVerifier().accepted())));
  }

  /** Warms up for a fifth of {@code seconds}, then measures for the rest; the first contender is the floor. */
  private static void run(String name, double seconds, List<Contender> contenders) {
    int n = contenders.size();
    int[] batch = new int[n];
    for (int i = 0; i < n; i++) {
      batch[i] = Math.max(1, (int) (BATCH_NANOS / Math.max(1, timeOne(contenders.get(i), 0.5 + seconds / 10))));
    }
    long[] cpu = new long[n];
    long[] calls = new long[n];
    long end = System.nanoTime() + (long) (seconds * 0.8e9);
    for (int round = 0; System.nanoTime() < end; round++) {
      for (int k = 0; k < n; k++) {
        int i = (round + k) % n;
        long start = THREADS.getCurrentThreadCpuTime();
        runBatch(contenders.get(i), batch[i]);
        cpu[i] += THREADS.getCurrentThreadCpuTime() - start;
        calls[i] += batch[i];
      }
    }
    double floor = (double) cpu[0] / calls[0];
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double perCall = (double) cpu[i] / calls[i];
      rows.add(String.format(Locale.ROOT, "| %s | %s | %,.1f | %.3f× |", name, contenders.get(i).name(),
          perCall / 1_000, floor / perCall));
    }
    rows.forEach(System.out::println);
  }

  /** CPU ns per call after running {@code contender} for about {@code seconds} (warm-up). */
  private static double timeOne(Contender contender, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = THREADS.getCurrentThreadCpuTime();
    long calls = 0;
    while (System.nanoTime() < end) {
      runBatch(contender, 16);
      calls += 16;
    }
    return (double) (THREADS.getCurrentThreadCpuTime() - start) / calls;
  }

  private static void runBatch(Contender contender, int calls) {
    for (int i = 0; i < calls; i++) {
      if (!contender.call().getAsBoolean()) {
        throw new IllegalStateException(contender.name() + " rejected its token");
      }
    }
  }

  /** A raw verify, which declares a checked exception, as a plain call. */
  private static boolean check(RawCall call) {
    try {
      return call.verify();
    } catch (SignatureException e) {
      throw new IllegalStateException("the raw signature check failed", e);
    }
  }

  @FunctionalInterface
  private interface RawCall {
    boolean verify() throws SignatureException;
  }
}
