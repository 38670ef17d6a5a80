package io.capsa.sys;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Error numbers by name, per architecture, with glibc's strerror text.
 *
 * <p>x86_64 and ppc64le share the asm-generic numbers except EDEADLOCK (an alias of EDEADLK on
 * x86_64, 58 on powerpc). glibc has no text for 58 ("Unknown error 58"), so EDEADLOCK carries
 * the comment of its definition in the powerpc kernel header instead. {@code ErrnoTableTest}
 * checks every number against the headers and every text against strerror.
 */
public enum Errno {
  EPERM(1, 1, "Operation not permitted"),
  ENOENT(2, 2, "No such file or directory"),
  ESRCH(3, 3, "No such process"),
  EINTR(4, 4, "Interrupted system call"),
  EIO(5, 5, "Input/output error"),
  ENXIO(6, 6, "No such device or address"),
  E2BIG(7, 7, "Argument list too long"),
  ENOEXEC(8, 8, "Exec format error"),
  EBADF(9, 9, "Bad file descriptor"),
  ECHILD(10, 10, "No child processes"),
  EAGAIN(11, 11, "Resource temporarily unavailable"),
  ENOMEM(12, 12, "Cannot allocate memory"),
  EACCES(13, 13, "Permission denied"),
  EFAULT(14, 14, "Bad address"),
  ENOTBLK(15, 15, "Block device required"),
  EBUSY(16, 16, "Device or resource busy"),
  EEXIST(17, 17, "File exists"),
  EXDEV(18, 18, "Invalid cross-device link"),
  ENODEV(19, 19, "No such device"),
  ENOTDIR(20, 20, "Not a directory"),
  EISDIR(21, 21, "Is a directory"),
  EINVAL(22, 22, "Invalid argument"),
  ENFILE(23, 23, "Too many open files in system"),
  EMFILE(24, 24, "Too many open files"),
  ENOTTY(25, 25, "Inappropriate ioctl for device"),
  ETXTBSY(26, 26, "Text file busy"),
  EFBIG(27, 27, "File too large"),
  ENOSPC(28, 28, "No space left on device"),
  ESPIPE(29, 29, "Illegal seek"),
  EROFS(30, 30, "Read-only file system"),
  EMLINK(31, 31, "Too many links"),
  EPIPE(32, 32, "Broken pipe"),
  EDOM(33, 33, "Numerical argument out of domain"),
  ERANGE(34, 34, "Numerical result out of range"),
  EDEADLK(35, 35, "Resource deadlock avoided"),
  ENAMETOOLONG(36, 36, "File name too long"),
  ENOLCK(37, 37, "No locks available"),
  ENOSYS(38, 38, "Function not implemented"),
  ENOTEMPTY(39, 39, "Directory not empty"),
  ELOOP(40, 40, "Too many levels of symbolic links"),
  ENOMSG(42, 42, "No message of desired type"),
  EIDRM(43, 43, "Identifier removed"),
  ECHRNG(44, 44, "Channel number out of range"),
  EL2NSYNC(45, 45, "Level 2 not synchronized"),
  EL3HLT(46, 46, "Level 3 halted"),
  EL3RST(47, 47, "Level 3 reset"),
  ELNRNG(48, 48, "Link number out of range"),
  EUNATCH(49, 49, "Protocol driver not attached"),
  ENOCSI(50, 50, "No CSI structure available"),
  EL2HLT(51, 51, "Level 2 halted"),
  EBADE(52, 52, "Invalid exchange"),
  EBADR(53, 53, "Invalid request descriptor"),
  EXFULL(54, 54, "Exchange full"),
  ENOANO(55, 55, "No anode"),
  EBADRQC(56, 56, "Invalid request code"),
  EBADSLT(57, 57, "Invalid slot"),
  EBFONT(59, 59, "Bad font file format"),
  ENOSTR(60, 60, "Device not a stream"),
  ENODATA(61, 61, "No data available"),
  ETIME(62, 62, "Timer expired"),
  ENOSR(63, 63, "Out of streams resources"),
  ENONET(64, 64, "Machine is not on the network"),
  ENOPKG(65, 65, "Package not installed"),
  EREMOTE(66, 66, "Object is remote"),
  ENOLINK(67, 67, "Link has been severed"),
  EADV(68, 68, "Advertise error"),
  ESRMNT(69, 69, "Srmount error"),
  ECOMM(70, 70, "Communication error on send"),
  EPROTO(71, 71, "Protocol error"),
  EMULTIHOP(72, 72, "Multihop attempted"),
  EDOTDOT(73, 73, "RFS specific error"),
  EBADMSG(74, 74, "Bad message"),
  EOVERFLOW(75, 75, "Value too large for defined data type"),
  ENOTUNIQ(76, 76, "Name not unique on network"),
  EBADFD(77, 77, "File descriptor in bad state"),
  EREMCHG(78, 78, "Remote address changed"),
  ELIBACC(79, 79, "Can not access a needed shared library"),
  ELIBBAD(80, 80, "Accessing a corrupted shared library"),
  ELIBSCN(81, 81, ".lib section in a.out corrupted"),
  ELIBMAX(82, 82, "Attempting to link in too many shared libraries"),
  ELIBEXEC(83, 83, "Cannot exec a shared library directly"),
  EILSEQ(84, 84, "Invalid or incomplete multibyte or wide character"),
  ERESTART(85, 85, "Interrupted system call should be restarted"),
  ESTRPIPE(86, 86, "Streams pipe error"),
  EUSERS(87, 87, "Too many users"),
  ENOTSOCK(88, 88, "Socket operation on non-socket"),
  EDESTADDRREQ(89, 89, "Destination address required"),
  EMSGSIZE(90, 90, "Message too long"),
  EPROTOTYPE(91, 91, "Protocol wrong type for socket"),
  ENOPROTOOPT(92, 92, "Protocol not available"),
  EPROTONOSUPPORT(93, 93, "Protocol not supported"),
  ESOCKTNOSUPPORT(94, 94, "Socket type not supported"),
  EOPNOTSUPP(95, 95, "Operation not supported"),
  EPFNOSUPPORT(96, 96, "Protocol family not supported"),
  EAFNOSUPPORT(97, 97, "Address family not supported by protocol"),
  EADDRINUSE(98, 98, "Address already in use"),
  EADDRNOTAVAIL(99, 99, "Cannot assign requested address"),
  ENETDOWN(100, 100, "Network is down"),
  ENETUNREACH(101, 101, "Network is unreachable"),
  ENETRESET(102, 102, "Network dropped connection on reset"),
  ECONNABORTED(103, 103, "Software caused connection abort"),
  ECONNRESET(104, 104, "Connection reset by peer"),
  ENOBUFS(105, 105, "No buffer space available"),
  EISCONN(106, 106, "Transport endpoint is already connected"),
  ENOTCONN(107, 107, "Transport endpoint is not connected"),
  ESHUTDOWN(108, 108, "Cannot send after transport endpoint shutdown"),
  ETOOMANYREFS(109, 109, "Too many references: cannot splice"),
  ETIMEDOUT(110, 110, "Connection timed out"),
  ECONNREFUSED(111, 111, "Connection refused"),
  EHOSTDOWN(112, 112, "Host is down"),
  EHOSTUNREACH(113, 113, "No route to host"),
  EALREADY(114, 114, "Operation already in progress"),
  EINPROGRESS(115, 115, "Operation now in progress"),
  ESTALE(116, 116, "Stale file handle"),
  EUCLEAN(117, 117, "Structure needs cleaning"),
  ENOTNAM(118, 118, "Not a XENIX named type file"),
  ENAVAIL(119, 119, "No XENIX semaphores available"),
  EISNAM(120, 120, "Is a named type file"),
  EREMOTEIO(121, 121, "Remote I/O error"),
  EDQUOT(122, 122, "Disk quota exceeded"),
  ENOMEDIUM(123, 123, "No medium found"),
  EMEDIUMTYPE(124, 124, "Wrong medium type"),
  ECANCELED(125, 125, "Operation canceled"),
  ENOKEY(126, 126, "Required key not available"),
  EKEYEXPIRED(127, 127, "Key has expired"),
  EKEYREVOKED(128, 128, "Key has been revoked"),
  EKEYREJECTED(129, 129, "Key was rejected by service"),
  EOWNERDEAD(130, 130, "Owner died"),
  ENOTRECOVERABLE(131, 131, "State not recoverable"),
  ERFKILL(132, 132, "Operation not possible due to RF-kill"),
  EHWPOISON(133, 133, "Memory page has hardware error"),
  EDEADLOCK(35, 58, "File locking deadlock error");

  private static final Map<Arch, Map<Integer, Errno>> BY_NUMBER = new EnumMap<>(Arch.class);

  static {
    for (Arch arch : Arch.values()) {
      Map<Integer, Errno> numbers = new HashMap<>();
      for (Errno errno : values()) {
        // The first name declared for a number wins, so an alias never hides the primary name.
        numbers.putIfAbsent(errno.number(arch), errno);
      }
      BY_NUMBER.put(arch, numbers);
    }
  }

  private final int x86_64;
  private final int ppc64le;
  private final String description;

  Errno(int x86_64, int ppc64le, String description) {
    this.x86_64 = x86_64;
    this.ppc64le = ppc64le;
    this.description = description;
  }

  /** The number of this error on {@code arch}. */
  public int number(Arch arch) {
    return switch (arch) {
      case X86_64 -> x86_64;
      case PPC64LE -> ppc64le;
    };
  }

  /**
   * glibc's strerror text, e.g. "Operation not permitted"; for EDEADLOCK see the class comment.
   */
  public String description() {
    return description;
  }

  /** The error with this number on {@code arch}, if a header names it. */
  public static Optional<Errno> of(int number, Arch arch) {
    return Optional.ofNullable(BY_NUMBER.get(arch).get(number));
  }

  /** "EPERM (Operation not permitted)", or "errno 999" for a number no header names. */
  public static String describe(int number, Arch arch) {
    return of(number, arch).map(e -> e.name() + " (" + e.description + ")").orElse("errno " + number);
  }
}
