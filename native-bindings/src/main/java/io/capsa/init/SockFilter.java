package io.capsa.init;

/**
 * One classic BPF instruction ({@code struct sock_filter}) of a seccomp filter: an opcode, the
 * jump offsets taken when a test is true or false, and a generic operand.
 */
public record SockFilter(int code, int jt, int jf, int k) {
  public SockFilter {
    if (code < 0 || code > 0xffff || jt < 0 || jt > 0xff || jf < 0 || jf > 0xff) {
      throw new IllegalArgumentException(
          "sock_filter fields out of range: code=" + code + " jt=" + jt + " jf=" + jf);
    }
  }
}
