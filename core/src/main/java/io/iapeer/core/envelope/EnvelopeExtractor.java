package io.iapeer.core.envelope;

import io.iapeer.core.IapException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls complete envelopes out of a text stream read in arbitrary chunks (02 §3.1 [L]). Stateless:
 * the caller prepends {@link ExtractResult#rest()} to its next chunk.
 */
public final class EnvelopeExtractor {
  private static final String MARKER = "<iap ";

  private enum OpenTag {
    INCOMPLETE,
    INVALID,
    VALID
  }

  private EnvelopeExtractor() {}

  public static ExtractResult extract(String buffer) {
    List<String> envelopes = new ArrayList<>();
    int pos = 0;
    while (true) {
      int start = buffer.indexOf(MARKER, pos);
      if (start < 0) {
        // A marker may straddle chunks: keep as many characters as it has.
        int keep = Math.max(pos, buffer.length() - MARKER.length());
        return new ExtractResult(envelopes, buffer.substring(keep));
      }
      OpenTag tag = classify(buffer, start);
      if (tag == OpenTag.INCOMPLETE) {
        return new ExtractResult(envelopes, buffer.substring(start));
      }
      if (tag == OpenTag.INVALID) {
        pos = start + 1;
        continue;
      }
      int close = Cdata.indexOutside(buffer, EnvelopeCodec.CLOSE_TAG, start + MARKER.length());
      if (close < 0) {
        return new ExtractResult(envelopes, buffer.substring(start));
      }
      int end = close + EnvelopeCodec.CLOSE_TAG.length();
      String candidate = buffer.substring(start, end);
      if (decodes(candidate)) {
        envelopes.add(candidate);
        pos = end;
      } else {
        pos = start + 1;
      }
    }
  }

  /** 02 §3.1 step 3: wait for a short unclosed tag; reject a long one or one without a sender. */
  private static OpenTag classify(String buffer, int start) {
    int gt = buffer.indexOf('>', start);
    if (gt < 0) {
      return buffer.length() - start <= EnvelopeLimits.MAX_OPEN_TAG
          ? OpenTag.INCOMPLETE
          : OpenTag.INVALID;
    }
    if (gt + 1 - start > EnvelopeLimits.MAX_OPEN_TAG) {
      return OpenTag.INVALID;
    }
    String attrs = buffer.substring(start + MARKER.length(), gt);
    boolean personality =
        attrs.contains("from-personality=\"") || Attributes.hasAnchored(attrs, "from");
    boolean runtime = attrs.contains("from-runtime=\"") || Attributes.hasAnchored(attrs, "runtime");
    return personality && runtime ? OpenTag.VALID : OpenTag.INVALID;
  }

  private static boolean decodes(String candidate) {
    try {
      EnvelopeCodec.decode(candidate);
      return true;
    } catch (IapException e) {
      return false;
    }
  }
}
