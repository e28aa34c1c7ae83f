#!/usr/bin/env bash
# Writes omegat-level2.tmx and omegat-tmx11.tmx: the memories OmegaT 3.6
# (Debian's omegat) exports from a project whose HTML source has bold and a
# link, its translations taken from a seed memory. For the round-trip tests.
#
#   tests/data/tmx/make-omegat.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
project=$(mktemp -d)
trap 'rm -rf "$project"' EXIT
mkdir -p "$project"/{source,target,tm/auto,glossary,dictionary,omegat}
cat > "$project/omegat.project" <<'XML'
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>en-US</source_lang>
        <target_lang>de-DE</target_lang>
        <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
        <target_tok>org.omegat.tokenizer.LuceneGermanTokenizer</target_tok>
        <sentence_seg>true</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
XML
cat > "$project/source/page.html" <<'HTML'
<html><head><title>Help</title></head><body>
<p>Click <b>Save</b> to keep <a href="changes.html">your changes</a>.</p>
<p>Press <i>Enter</i> twice.<br>Then close the window.</p>
</body></html>
HTML
cat > "$project/tm/auto/seed.tmx" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext"/><body>
<tu><tuv xml:lang="en-US"><seg>Click &lt;b0&gt;Save&lt;/b0&gt; to keep &lt;a1&gt;your changes&lt;/a1&gt;.</seg></tuv><tuv xml:lang="de-DE"><seg>Klicken Sie auf &lt;b0&gt;Speichern&lt;/b0&gt;, um &lt;a1&gt;Ihre Änderungen&lt;/a1&gt; zu behalten.</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Then close the window.</seg></tuv><tuv xml:lang="de-DE"><seg>Schließen Sie dann das Fenster.</seg></tuv></tu>
</body></tmx>
XML
HOME="$project" omegat --mode=console-translate "$project" >/dev/null 2>&1
name=$(basename "$project")
cp "$project/$name-level2.tmx" "$here/omegat-level2.tmx"
cp "$project/$name-omegat.tmx" "$here/omegat-tmx11.tmx"
