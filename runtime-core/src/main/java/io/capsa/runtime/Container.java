package io.capsa.runtime;

import io.capsa.oci.ProcessConfig;
import io.capsa.oci.State;
import io.capsa.oci.linux.Resources;
import io.capsa.runtime.cgroups.CgroupStats;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A container of a {@link ContainerRuntime}: created by this JVM, or loaded by id from the
 * runtime's state root. Every method is safe to call from any thread; operations on one
 * container are serialised with every other process using the same root.
 *
 * <p>{@link #close()} kills and deletes the container, so try-with-resources leaves nothing
 * behind.
 */
public interface Container extends AutoCloseable {

  String id();

  /**
   * Runs the process: releases the init waiting since create, then (for a container this JVM
   * created) waits until the process has been exec'd, so that a failing startContainer hook or
   * exec is reported here, and runs the poststart hooks. A failure of either destroys the
   * container, as the runtime-spec's lifecycle asks.
   */
  void start();

  /**
   * Binds the container's notify socket, for a container created with {@link
   * CreateOptions.Builder#notifySocket}; empty for one created without. Bind it before {@link
   * #start()} so that no notification is lost: until then the process's sd_notify(3) calls
   * fail, which their callers ignore. The socket can be bound once; a second bind fails with
   * EADDRINUSE.
   */
  Optional<NotifySocket> bindNotifySocket();

  /** The OCI state as of now; the status follows the init (stopped once it is gone). */
  State state();

  /** Sends {@code signal} to the container's init through a pidfd. */
  void kill(Signal signal);

  /**
   * With {@code all}, sends {@code signal} to every process in the container's cgroup (runc's
   * {@code kill --all}): SIGKILL through cgroup.kill, any other signal with the cgroup frozen
   * meanwhile so that no process escapes by forking; without, {@link #kill(Signal)}.
   */
  void kill(Signal signal, boolean all);

  /**
   * Freezes every process of the container (cgroup.freeze) and returns once the kernel says
   * they are; the status is {@code paused} until {@link #resume()}.
   */
  void pause();

  /** Thaws a paused container. */
  void resume();

  /** The pids, in the host's PID namespace, of every process in the container's cgroup. */
  List<Integer> processes();

  /**
   * What the container's cgroup reports about its use of memory, CPU, pids, block I/O and huge
   * pages ({@link io.capsa.runtime.cgroups.RuncStatsJson} writes it as {@code runc events
   * --stats} does).
   */
  CgroupStats stats();

  /**
   * Applies new resource limits to the container's cgroup ({@code runc update}): the members
   * of {@code resources} that are set replace the container's current ones (its
   * configuration's {@code linux.resources}, or what the last update left), the others stay,
   * and the result is converted, checked and written as create converts, checks and writes
   * {@code linux.resources} (see {@link io.capsa.runtime.cgroups.ResourceUpdate}). Devices
   * change only when {@code resources} has some. Limits are not written when the runtime (or
   * the create) ignores resource limits.
   *
   * @throws io.capsa.runtime.config.InvalidConfigException naming every problem of {@code
   *     resources}, with JSON paths into it ($.memory.limit, ...)
   * @throws io.capsa.runtime.cgroups.MissingControllersException when the host lacks a
   *     controller the limits need
   */
  void update(Resources resources);

  /**
   * Removes the container: its state directory and what create made, then runs the poststop
   * hooks. A running container is refused unless {@code force}, which kills it first.
   */
  void delete(boolean force);

  default void delete() {
    delete(false);
  }

  /**
   * Completes when the init exits, with its status (for a container this JVM created: the init
   * is this JVM's child, waited for through its pidfd by a thread that the first call starts;
   * until something asks, an ended init stays a zombie that {@link #state()} reports as
   * stopped, and delete or close reaps it).
   *
   * @throws io.capsa.runtime.state.ContainerStateException for a container loaded from another process's create, whose
   *     exit status only its creator can know
   */
  CompletableFuture<ExitStatus> exit();

  /**
   * The container's process as config.json gave it at create (kept in the state directory,
   * so later changes to the bundle do not show): what {@code runc exec} starts from when the
   * process comes from command-line flags.
   */
  ProcessConfig process();

  /**
   * Starts {@code process} in the container: in every namespace of its init (the user
   * namespace included), with the container's user, capability sets, no_new_privs, AppArmor
   * profile, SELinux label and resource limits wherever {@code process} leaves them out, as
   * runc's exec does. Returns once the process has exec'd, so that a missing executable or a
   * bad working directory is thrown here.
   *
   * @throws io.capsa.runtime.state.ContainerStateException for a stopped container ("cannot
   *     exec in a stopped container"), or a paused one unless {@link
   *     ExecOptions#ignorePaused()}
   * @throws io.capsa.runtime.config.InvalidConfigException naming every problem of {@code
   *     process}, with JSON paths into it ($.args, $.user.uid, ...)
   * @throws ContainerException for a failure on the way, naming the step
   */
  ExecProcess exec(ProcessConfig process, ExecOptions options);

  /** The process's stdin when created with {@link Stdio.Redirect.ToPipe}. */
  OutputStream stdin();

  /** The process's stdout when created with {@link Stdio.Redirect.ToPipe}. */
  InputStream stdout();

  /** The process's stderr when created with {@link Stdio.Redirect.ToPipe}. */
  InputStream stderr();

  /** Kills the container if it still runs, deletes it, and closes its streams. */
  @Override
  void close();
}
