package io.capsa.it;

import io.capsa.oci.Spec;
import io.capsa.oci.linux.NamespaceType;
import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.ExitStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The Java half of bench/run-true.sh, not a test: writes a busybox bundle whose process is
 * /bin/true in new pid, mount, uts, ipc and network namespaces (runc spec's configuration
 * otherwise), then runs it with {@link ContainerRuntime#run} WARMUP times to warm the JVM up
 * and ITERATIONS times measured, and prints the median and 90th percentile of one run in
 * milliseconds: "MEDIAN P90". The script runs the same bundle with crun and runc.
 *
 * <pre>RunTrueBenchmark BUNDLE STATE_ROOT WARMUP ITERATIONS</pre>
 */
public final class RunTrueBenchmark {
  private RunTrueBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: RunTrueBenchmark BUNDLE STATE_ROOT WARMUP ITERATIONS");
      System.exit(2);
    }
    Path bundle = Path.of(args[0]);
    Files.createDirectories(bundle);
    TestBundle.create(bundle, List.of("/bin/true"), RunTrueBenchmark::withoutCgroupNamespace);
    ContainerRuntime runtime = ContainerRuntime.builder().root(Path.of(args[1])).build();
    int warmup = Integer.parseInt(args[2]);
    int iterations = Integer.parseInt(args[3]);
    for (int i = 0; i < warmup; i++) {
      run(runtime, bundle, "warmup-" + i);
    }
    double[] millis = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      run(runtime, bundle, "run-" + i);
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf("%.3f %.3f%n", millis[iterations / 2], millis[iterations * 9 / 10]);
  }

  /** runc spec adds a cgroup namespace on a cgroup v2 host; the benchmark's five stay. */
  private static Spec withoutCgroupNamespace(Spec spec) {
    return spec.toBuilder().linux(spec.linux().toBuilder().namespaces(spec.linux().namespaces()
        .stream().filter(ns -> ns.type() != NamespaceType.CGROUP).toList()).build()).build();
  }

  private static void run(ContainerRuntime runtime, Path bundle, String id) throws Exception {
    ExitStatus status = runtime.run(id, bundle, CreateOptions.defaults());
    if (status.code() != 0) {
      throw new IllegalStateException(id + ": /bin/true " + status);
    }
  }
}
