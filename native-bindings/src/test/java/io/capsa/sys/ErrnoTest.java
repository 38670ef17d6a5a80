package io.capsa.sys;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrnoTest {

  @Test
  void describesAKnownNumberByNameAndStrerrorText() {
    assertEquals("EPERM (Operation not permitted)", Errno.describe(1, Arch.X86_64));
  }

  @Test
  void describesAnUnknownNumberByItsNumber() {
    assertEquals("errno 999", Errno.describe(999, Arch.X86_64));
  }

  /** x86_64 defines EDEADLOCK as an alias of EDEADLK; powerpc gives it a number of its own. */
  @Test
  void findsThePrimaryNameWhereAnAliasSharesTheNumber() {
    assertAll(
        () -> assertEquals(Optional.of(Errno.EDEADLK), Errno.of(35, Arch.X86_64)),
        () -> assertEquals(Optional.empty(), Errno.of(58, Arch.X86_64)),
        () -> assertEquals(Optional.of(Errno.EDEADLK), Errno.of(35, Arch.PPC64LE)),
        () -> assertEquals(Optional.of(Errno.EDEADLOCK), Errno.of(58, Arch.PPC64LE)));
  }
}
