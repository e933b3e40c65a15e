package dev.jwtsigner.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@code -prof dev.jwtsigner.bench.CpuTimeProfiler}: the CPU time the benchmark threads spent per operation
 * ({@code cpu.time.norm}, ns/op). On a machine shared with other work, throughput falls with the CPU share a
 * benchmark gets, while CPU time per operation barely moves, so ratios of it are the steadier comparison.
 */
public final class CpuTimeProfiler implements InternalProfiler {

  private static final String WORKER = "-jmh-worker-";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private Map<Long, Long> start = Map.of();

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    start = workerCpuTimes();
  }

  @Override
  public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
      IterationResult result) {
    long cpu = 0;
    for (Map.Entry<Long, Long> e : workerCpuTimes().entrySet()) {
      cpu += e.getValue() - start.getOrDefault(e.getKey(), 0L); // a thread started since: all of its time is ours
    }
    long ops = result.getMetadata().getAllOps(); // every op the threads ran in the window, ramp-up included
    if (ops <= 0) {
      return List.of();
    }
    return List.of(new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
  }

  private Map<Long, Long> workerCpuTimes() {
    Map<Long, Long> times = new HashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().contains(WORKER)) {
        long ns = threads.getThreadCpuTime(t.getId());
        if (ns >= 0) {
          times.put(t.getId(), ns);
        }
      }
    }
    return times;
  }
}
