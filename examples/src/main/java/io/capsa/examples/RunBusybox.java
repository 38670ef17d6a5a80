package io.capsa.examples;

import io.capsa.runtime.ContainerRuntime;
import io.capsa.runtime.CreateOptions;
import io.capsa.runtime.ExitStatus;
import java.nio.file.Path;

/** Runs the container of the OCI bundle named by the first argument and prints how it ended. */
public final class RunBusybox {
  public static void main(String[] args) throws InterruptedException {
    ContainerRuntime runtime = ContainerRuntime.builder()
        .root(Path.of(System.getProperty("capsa.root", "/run/capsa")))
        .build();
    String id = "busybox-" + ProcessHandle.current().pid();
    ExitStatus status = runtime.run(id, Path.of(args[0]), CreateOptions.defaults());
    System.out.println("container " + id + " " + status);
  }
}
