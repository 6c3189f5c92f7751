package com.claimledger.finder.text;

import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * English sentences and tokens from Apache OpenNLP, with the models that the apache/opennlp-models project publishes
 * on Maven Central (jars on the classpath: nothing is downloaded at run time). The models are read once; OpenNLP's
 * detectors are not thread-safe, so each call makes its own (cheap) detector over the shared, immutable model.
 */
@Component
public class Language {

    static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
    static final String TOKEN_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";

    private final SentenceModel sentences;
    private final TokenizerModel tokens;

    public Language() {
        this.sentences = load(SENTENCE_MODEL, SentenceModel::new);
        this.tokens = load(TOKEN_MODEL, TokenizerModel::new);
    }

    /** Sentence spans of {@code text}, offsets into it. */
    public Span[] sentences(String text) {
        return new SentenceDetectorME(sentences).sentPosDetect(text);
    }

    /** Token spans of {@code text}, offsets into it. */
    public Span[] tokens(String text) {
        return new TokenizerME(tokens).tokenizePos(text);
    }

    private interface ModelReader<T> {
        T read(InputStream in) throws IOException;
    }

    private static <T> T load(String resource, ModelReader<T> reader) {
        try (InputStream in = Language.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the OpenNLP model " + resource + " is not on the classpath");
            }
            return reader.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenNLP model " + resource + " cannot be read", e);
        }
    }
}
