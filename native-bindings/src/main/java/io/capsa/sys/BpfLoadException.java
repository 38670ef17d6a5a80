package io.capsa.sys;

/**
 * bpf(BPF_PROG_LOAD) refused a program. Besides the errno, the message carries what the kernel's
 * verifier wrote about the program, which is the only place that says which instruction it
 * rejected and why.
 */
public final class BpfLoadException extends SyscallException {
  private static final long serialVersionUID = 1L;

  private final String verifierLog;

  public BpfLoadException(int errnoNumber, String program, String verifierLog) {
    super(
        "bpf BPF_PROG_LOAD " + program + ": " + Errno.describe(errnoNumber, Arch.current())
            + (verifierLog.isBlank() ? "" : "; the verifier said: " + verifierLog.strip()),
        "bpf",
        errnoNumber,
        null,
        Arch.current());
    this.verifierLog = verifierLog;
  }

  /** The verifier's log of the refused program; empty when it wrote none. */
  public String verifierLog() {
    return verifierLog;
  }
}
