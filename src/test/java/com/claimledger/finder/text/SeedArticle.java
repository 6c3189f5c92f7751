package com.claimledger.finder.text;

import com.claimledger.entities.api.EntityKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The seed article's text and the seed dossier, as the finder's tests read them. */
final class SeedArticle {

    static final String TEXT = resource("/finder/iwpr-islamic-state-link-to-kyrgyzstan-firefight.txt");
    static final JsonNode DOSSIER = dossier();

    private SeedArticle() {
    }

    static List<KnownNames.Known> entities() {
        List<KnownNames.Known> known = new ArrayList<>();
        for (JsonNode entity : DOSSIER.get("entities")) {
            List<String> names = new ArrayList<>();
            names.add(entity.get("name").asText());
            entity.get("aliases").forEach(alias -> names.add(alias.asText()));
            known.add(new KnownNames.Known(entity.get("id").asText(), entity.get("name").asText(),
                    EntityKind.valueOf(entity.get("kind").asText()), names));
        }
        return known;
    }

    static KnownNames names() {
        return new KnownNames(entities());
    }

    private static String resource(String path) {
        try (InputStream in = SeedArticle.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode dossier() {
        try (InputStream in = SeedArticle.class.getResourceAsStream("/seed/iwpr-kyrgyzstan-firefight.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
