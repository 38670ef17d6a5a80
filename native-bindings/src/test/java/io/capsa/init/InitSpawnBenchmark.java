package io.capsa.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The Java half of bench/init-spawn.sh, not a test: launches capsa-init with a program that only
 * exits 0 and waits for it, WARMUP times to warm the JVM up, then ITERATIONS times measured, and
 * prints the median and 90th percentile of one launch in microseconds: "MEDIAN P90". With
 * --program-out it first writes the encoded program there, for the C half to send.
 *
 * <pre>InitSpawnBenchmark [--program-out FILE] WARMUP ITERATIONS</pre>
 */
public final class InitSpawnBenchmark {
  private InitSpawnBenchmark() {}

  public static void main(String[] args) throws IOException {
    int first = 0;
    InitProgramBuilder builder = InitProgram.builder();
    builder.exit(0);
    InitProgram program = builder.build();
    if (args.length == 4 && args[0].equals("--program-out")) {
      Files.write(Path.of(args[1]), program.encode());
      first = 2;
    } else if (args.length != 2) {
      System.err.println("usage: InitSpawnBenchmark [--program-out FILE] WARMUP ITERATIONS");
      System.exit(2);
    }
    int warmup = Integer.parseInt(args[first]);
    int iterations = Integer.parseInt(args[first + 1]);

    InitLauncher launcher = InitLauncher.get();
    for (int i = 0; i < warmup; i++) {
      launchAndWait(launcher, program);
    }
    double[] micros = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long start = System.nanoTime();
      launchAndWait(launcher, program);
      micros[i] = (System.nanoTime() - start) / 1000.0;
    }
    Arrays.sort(micros);
    System.out.printf("%.1f %.1f%n", micros[iterations / 2], micros[iterations * 9 / 10]);
  }

  private static void launchAndWait(InitLauncher launcher, InitProgram program) {
    try (InitProcess init = launcher.launch(program, Map.of())) {
      init.awaitExec();
      int status = init.waitFor().shellStatus();
      if (status != 0) {
        throw new IllegalStateException("capsa-init exited with " + status);
      }
    }
  }
}
