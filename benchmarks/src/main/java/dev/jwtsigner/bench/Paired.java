package dev.jwtsigner.bench;

import dev.jwtsigner.JwsAlgorithm;
import dev.jwtsigner.internal.Providers;
import dev.jwtsigner.keys.SigningEngines;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What each contender adds to the signature underneath, measured in pairs, for a machine too busy for
 * separate JMH runs to resolve a few percent (on this shared 2-core machine one benchmark's CPU time per
 * operation moves by 10-20 % between iterations, more when the host is busy). On one thread it alternates
 * short batches of the raw JCA floors and of each contender, in rotating order, and adds up each one's
 * thread CPU time, so a change in load falls on all of them alike. The states, floors and contenders are
 * {@link SignBenchmarks}' and {@link VerifyBenchmarks}' own, and every call's result is checked once more
 * here (a token signed, or accepted).
 *
 * <pre>{@code
 * ./mvnw -q -Pbench -pl benchmarks -am package -Dquick -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.jwtsigner.bench.Paired              # sign and verify, 20 s a case
 * java -cp benchmarks/target/benchmarks.jar dev.jwtsigner.bench.Paired verify 60    # verify only, 60 s a case
 * }</pre>
 *
 * <p>Prints the engine the library picked per algorithm, then, per case, CPU µs per token and the cheapest
 * raw floor ÷ contender (above 1: cheaper than the floor). The floors are the JDK's, Bouncy Castle's and,
 * when it loads, the Amazon Corretto Crypto Provider's (native AWS-LC); each signing case ends with a row of
 * {@code openssl speed} for the same key size when openssl is on the PATH (another process: not paired).
 * Not a JMH benchmark: a complement that answers only "how much does each contender add to the signature".
 */
public final class Paired {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** Each batch runs about this long (at least one call), so a load change rarely hits one contender only. */
  private static final long BATCH_NANOS = 2_000_000;
  /** Warm-up runs until a contender has made this many calls... */
  private static final long WARM_UP_CALLS = 12_000;
  /** ...or for this long, whichever comes first (after the minimum warm-up). */
  private static final double WARM_UP_MAX_SECONDS = 15;
  /** Where results go, so that no call's work can be optimized away. */
  private static volatile Object sink;

  private Paired() {}

  /** One contender: a name, whether it is a floor, and one call, which returns null when it failed. */
  private record Contender(String name, boolean floor, Call call) {}

  @FunctionalInterface
  private interface Call {
    Object run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 && !Character.isDigit(args[0].charAt(0)) ? args[0] : "all";
    String last = args.length > 0 ? args[args.length - 1] : "";
    double seconds = !last.isEmpty() && Character.isDigit(last.charAt(0)) ? Double.parseDouble(last) : 20;
    if (!List.of("all", "sign", "payload", "verify").contains(what)) {
      throw new IllegalArgumentException("usage: Paired [all|sign|payload|verify] [seconds per case]");
    }
    System.out.printf(Locale.ROOT, "Java %s; %.0f s per case, one thread, batches of about %d ms%n%n",
        System.getProperty("java.version"), seconds, BATCH_NANOS / 1_000_000);
    Providers.engines(JwsAlgorithm.ES512); // the library's background loads, done before anything is measured
    for (String line : SigningEngines.describeAll()) {
      System.out.println("Engine: " + line + "  ");
    }
    System.out.printf(Locale.ROOT, "Load average at start: %s%n%n", loadAverage());
    System.out.println("| case | contender | CPU µs/token | cheapest floor ÷ contender |");
    System.out.println("| --- | --- | ---: | ---: |");
    if (what.equals("payload")) {
      signPayload(seconds);
    } else if (!what.equals("verify")) {
      sign(seconds);
    }
    if (what.equals("all") || what.equals("verify")) {
      verify(seconds);
    }
    System.out.printf(Locale.ROOT, "%nLoad average at the end: %s%n", loadAverage());
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static void sign(double seconds) throws Exception {
    for (JwsAlgorithm alg : List.of(JwsAlgorithm.RS256, JwsAlgorithm.RS512, JwsAlgorithm.ES512)) {
      SigningState state = new SigningState();
      state.alg = alg;
      state.setUp();
      RawSigners raw = new RawSigners();
      raw.setUp(state);
      List<Contender> contenders = new ArrayList<>(List.of(
          new Contender("floor: jcaJdk", true, raw::signJdk),
          new Contender("floor: jcaBouncyCastle", true, raw::signBouncyCastle)));
      if (BenchKeys.ACCP != null) {
        contenders.add(new Contender("floor: jcaAccp", true, raw::signAccp));
      }
      contenders.addAll(List.of(
          new Contender("atomicTokenBuilder", false, state::atomicTokenBuilder),
          new Contender("nimbus", false, state::nimbus),
          new Contender("jjwt", false, state::jjwt),
          new Contender("auth0", false, state::auth0)));
      double floor = run("sign " + alg, seconds, contenders);
      openssl("sign " + alg, alg, seconds, floor);
    }
    signPayload(seconds);
  }

  /** The row of {@code openssl speed} for {@code alg}, when openssl is on the PATH. */
  private static void openssl(String name, JwsAlgorithm alg, double seconds, double floorNanos) {
    OpensslSpeed.signMicros(alg, (int) Math.max(1, Math.round(seconds / 4)))
        .ifPresent(us -> System.out.println(OpensslSpeed.row(name, alg, us, floorNanos / 1_000)));
  }

  private static void signPayload(double seconds) throws Exception {
    PayloadState payload = new PayloadState();
    payload.setUp();
    PayloadRawSigners raw = new PayloadRawSigners();
    raw.setUp(payload);
    List<Contender> contenders = new ArrayList<>(List.of(
        new Contender("floor: payloadJcaJdk", true, raw::signJdk),
        new Contender("floor: payloadJcaBouncyCastle", true, raw::signBouncyCastle)));
    if (BenchKeys.ACCP != null) {
      contenders.add(new Contender("floor: payloadJcaAccp", true, raw::signAccp));
    }
    contenders.add(new Contender("payloadJoseSigner", false, () -> payload.joseSigner.sign(PayloadState.CREATE_USER_BODY)));
    contenders.add(new Contender("payloadBuilder", false, payload::payloadBuilder));
    run("sign payload", seconds, contenders);
  }

  private static void verify(double seconds) throws Exception {
    for (JwsAlgorithm alg : List.of(JwsAlgorithm.RS256, JwsAlgorithm.ES512)) {
      VerifyingState state = new VerifyingState();
      state.alg = alg;
      state.setUp();
      RawVerifiers raw = new RawVerifiers();
      raw.setUp(state);
      List<Contender> contenders = new ArrayList<>();
      contenders.add(alg == JwsAlgorithm.ES512
          ? new Contender("floor: jcaBouncyCastle", true, () -> accepted(raw.verifyBouncyCastle()))
          : new Contender("floor: jcaJdk", true, () -> accepted(raw.verifyJdk())));
      if (BenchKeys.ACCP != null) {
        contenders.add(new Contender("floor: jcaAccp", true, () -> accepted(raw.verifyAccp())));
      }
      contenders.add(new Contender("jwsDecoder", false, () -> accepted(state.jwsDecoder().signatureValid())));
      contenders.add(new Contender("atomicPlatformVerifier", false, () -> accepted(state.atomicPlatformVerifier().accepted())));
      run("verify " + alg, seconds, contenders);
    }
    PayloadState payload = new PayloadState();
    payload.setUp();
    PayloadRawVerifiers raw = new PayloadRawVerifiers();
    raw.setUp(payload);
    List<Contender> contenders = new ArrayList<>();
    contenders.add(new Contender("floor: payloadJcaJdk", true, () -> accepted(raw.verifyJdk())));
    if (BenchKeys.ACCP != null) {
      contenders.add(new Contender("floor: payloadJcaAccp", true, () -> accepted(raw.verifyAccp())));
    }
    contenders.add(new Contender("payloadJwsDecoder", false, () -> accepted(payload.jwsDecoder().signatureValid())));
    contenders.add(new Contender("payloadVerifier", false, () -> accepted(payload.payloadVerifier().accepted())));
    run("verify payload", seconds, contenders);
  }

  private static Object accepted(boolean accepted) {
    return accepted ? Boolean.TRUE : null;
  }

  /**
   * Warms each contender up (see {@link #warmUp}), then measures them all for 0.8 of {@code seconds}; returns
   * the cheapest floor's CPU ns per call.
   */
  private static double run(String name, double seconds, List<Contender> contenders) throws Exception {
    int n = contenders.size();
    int[] batch = new int[n];
    for (int i = 0; i < n; i++) {
      batch[i] = Math.max(1, (int) (BATCH_NANOS / Math.max(1, warmUp(contenders.get(i), 0.5 + seconds / 10))));
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
    double floor = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      if (contenders.get(i).floor()) {
        floor = Math.min(floor, (double) cpu[i] / calls[i]);
      }
    }
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double perCall = (double) cpu[i] / calls[i];
      rows.add(String.format(Locale.ROOT, "| %s | %s | %,.1f | %.3f× |", name, contenders.get(i).name(),
          perCall / 1_000, floor / perCall));
    }
    rows.forEach(System.out::println);
    return floor;
  }

  /**
   * Runs {@code contender} for at least {@code seconds} and until it has made {@link #WARM_UP_CALLS} calls (or
   * {@link #WARM_UP_MAX_SECONDS} passed), then returns its CPU ns per call over the last of those seconds.
   * Counting calls matters for the slow ones: a builder's own checks run once per 1.2 ms signature, so the
   * JIT compiles them fully only after some thousand calls, about 15 s in (measured with JFR); a few seconds
   * of warm-up would measure them half-compiled.
   */
  private static double warmUp(Contender contender, double seconds) throws Exception {
    long begin = System.nanoTime();
    long minEnd = begin + (long) (seconds * 1e9);
    long maxEnd = begin + (long) (WARM_UP_MAX_SECONDS * 1e9);
    long calls = 0;
    long start = THREADS.getCurrentThreadCpuTime();
    long startCalls = 0;
    long lastSecond = begin;
    for (long now = begin; now < minEnd || (calls < WARM_UP_CALLS && now < maxEnd); now = System.nanoTime()) {
      runBatch(contender, 4);
      calls += 4;
      if (now - lastSecond > 1_000_000_000L) { // time the latest second only
        start = THREADS.getCurrentThreadCpuTime();
        startCalls = calls;
        lastSecond = now;
      }
    }
    return (double) (THREADS.getCurrentThreadCpuTime() - start) / Math.max(1, calls - startCalls);
  }

  private static void runBatch(Contender contender, int calls) throws Exception {
    for (int i = 0; i < calls; i++) {
      Object result = contender.call().run();
      if (result == null) {
        throw new IllegalStateException(contender.name() + " failed: no token, or its token refused");
      }
      sink = result;
    }
  }
}
