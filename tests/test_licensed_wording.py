"""No shipped text reproduces the published wording of a licensed instrument.

The ORS, SRS, CSQ-8, WAI family and CEQ may not be reproduced (see each spec's
``licence``), so the course ships paraphrased labels only. This test holds the
published wording of their items, headings, anchors and instructions as
*forbidden phrases* without shipping it: only the first 16 hex digits of the
SHA-256 of each normalised 4-word shingle are stored (plus a few printed
headings shorter than four words, hashed whole). A shipped text fails when any
of its own shingles hashes into that set.

Normalising: NFKC, lower case, apostrophes dropped, every run of other
non-alphanumeric characters a single space. WAI-SR items were hashed with the
therapist placeholder filled in as "therapist", "my/the therapist" and
"(my/the) counsellor/counselor". Shingles with fewer than two content words
(such as "by the end of") were left out, so ordinary English does not trip
the test.

How the hashes were made (kept out of the repository on purpose): the wording
was typed into a scratch file outside the checkout, shingled with
:func:`words` and :func:`digest` below, and only the digests were pasted here.
To add an instrument, do the same and append the digests.

Limits: hashing catches copied runs of four words (three for the short
headings), not a near paraphrase with one word swapped, and not single-word
items (the SEQ's and CRF's adjective pairs). Labels are still written by hand
as genuine paraphrases: different words, same construct.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN_4 = frozenset(
    """
    01486338eeba34c0 017379e5bf97578d 01c91071c1e2e462 0203228cb0dd262e
    02daab7c139f7740 033830a56b8b6626 0554ad82e19d99f3 06d0883f42b8da3e
    07124b38a514b781 086dc6e54c47032a 0895ce4b65e5ae40 08e1ee3d634d09df
    08ecbec0cd2f5e86 0934e7ecd2a69617 097e27907abc3604 0a02fac560b5c8bb
    0a3650fb325caf06 0a3d29c6731e2629 0a822e34032dc362 0ac4236a237a40ea
    0bb585856b26a42d 0cec222d3706c153 0d48908bb9a4ba7e 0eda1bcc99024a7d
    0fde4acc9dd3f180 0ff6b89d338b5d72 1280be5c34e25316 12f6f443c32f4cee
    13be3f39a20186de 14766781d2ebd9c0 15b7780cb5d649d4 16ce96363134e9ac
    1840076199ee896d 1962181b0ec2ca87 1988e53b6987086a 1b3b2587beca719a
    1b44082cd421fa43 1b53aadfd05eb09f 1ba8eaee8e287adb 1bb5a68f2fc74f9a
    1bf6fbce01adbd40 1c0ac942a488a88b 1d3c04a4523dd386 1e4bce1b9651ec30
    1ec1c233985b3117 1f32a9e3af43b73d 205ab23daba03a08 21321369fc1f5dbf
    217b27d1ad9fcbc4 219fc99d8a969bf4 224c2cf3b0223613 233c399e6f27764b
    239bd6e8809f43e6 23d340a748480e87 243074d678b4fdbd 24a62922c62c722e
    24d8f5b82f2dc9b7 24eec93bf26c293c 258450b192c7e60b 25c1f222ca4c1c3c
    2662b9c5a4387146 26ad4bcaff8fdab2 26c84523602de70b 2925ecd006b2eeec
    293cc97e4bbd6329 2a23a4e11a658b1c 2a9111b04ea44c13 2caf47f6da6e7b83
    2d204f69e15deae8 2dcaaa9527d1c5bd 2e010c0c0d21ea6a 31320c4522357f61
    314450072639b6b3 317a5e4f7fdae713 319c8cb51a9e0847 32f9d4d6c3d8db43
    33768b0a5b48b03f 337ca7134bc4ffbc 34db962c0c9b59eb 35ad724143247176
    395fcf0551c12ee2 397cc83e31a76886 3a422b321a5b4455 3b91144093189e08
    3c48d012738c1f19 3c5efdb086dbd9c6 3eadfdeac59a7ac9 3eb5ba234b46f012
    3f004dd5d3725f82 3f9d1d0fdb1f1c60 3faf7d7c2a15dbaf 416683564b8f137d
    4178006061121287 43f49b998e042b43 44115e8ad89d85d9 441531a964450298
    45eb0c08135b8dd8 45f11be0105e6db7 47fccfc0197d3d36 4884894383983263
    48ea26f9a57b6ef0 48ff41d4ae9ab181 4bbdb873d7f706cb 4ce6b25f43ed821f
    4de2fe60d128aafc 4ef46112f7815792 4f8b9d22d2fae767 4fab43b6d7fd8201
    5009c3eea05a1835 50967d8331b6a0c9 50d548df8f77183c 51a3905bb9e6a703
    51b919ecbf388c6f 52282528bc59e728 528adcd68ba6502f 531733b7af127d4a
    5482a38cbe73a9e5 5485b360844c00a0 54eeb2c483c788a0 568c4d69e5e7db82
    57ff75cc22adabeb 58cac70fa080eb27 5a594aefc63bdef6 5ad51255daee9eb0
    5cebc525624f95e6 637edf1cd29c95f4 6441cf412ad87538 6476c76d4ab08ada
    660f2d1440d1059d 66e02f7d380b2191 691f87a732859800 6a0353168c2e8261
    6a887406b71a4d6d 6a97229d7791c6cf 6c77ef3b596697f6 6c9055b5269f05e1
    6d0b9e8d8964d968 6dbcd76fbd426c98 6e2e5a0767c38c94 6ec22d3c8e9fa823
    70724d57cff0f12c 709e72ac5a3f7cce 70d6835a503c27c5 70db1b07342a10b4
    70ecc4e9c79ce8b3 712217506b35ca16 715f0e7b61c00eaf 71e9d48fe1e53d19
    726d0561b50aeb00 729ddac6af76fd98 72a296518d67c02f 7329061b9504d9b3
    7331d0a9e9f6fa97 741f638d82606f0c 745e1c1866eef0a8 74ba946f1325fd42
    762d8b6df23b4947 77b563dfc1f4627b 7896b6644c69f0f3 7aa5ef523b4790b5
    7af08b11f6b107d9 7c75d68329643dbd 7d78a228b227c583 7e43ee3f516e307b
    81821c22deef40a2 8339c94e7cf58f7a 83a267452a857fbf 84b7d60d0a1d15d8
    8563f35a289b79b2 8609aff9205fdf36 86681dc8c579f3b6 86d95c1a1f91541d
    87a2b74315ff0f23 8afe2088860a140b 8be93b1b8c46cfc8 8d263741a3ba0c6d
    8e0d76028f82870f 8e903410cd12e215 8e96b6912d4f5a19 8ec89e3b2e839071
    8f709cecb4cfb912 9003eb8d51916508 9049b79fb778d88f 90b7959164ebd7b2
    910dc498af5ec660 925670d6bedaf10d 935558bbfb1b01df 936664d133a7271f
    940d4f981c539918 947f614625248f5b 94a2f85adc40e933 94d90a1f13bc2bff
    958c00fba43de461 958d79d55f4005de 95b8dc8d67b3442e 9794c0af57884d56
    99f49523019006d4 9a3806f20b7cd9d5 9b36fc83cbb168e8 9ba7e3a57b7a9341
    9bef5ce8243fa5cb 9c5a29788be32d4f 9f692110a345dde4 9f74f70a7fb7c2a6
    9fce8637b1c19612 a0225bc8da0c5f58 a254e64e02a2a6b8 a2a91c5c70643655
    a3a30b7bf56046ae a3a53a276a9a4ce7 a3cd2c8a2e6020f7 a3f2addc423f6819
    a476ffaff8ed3673 a5449200ae056183 a655b6856e4b9d35 a82bc9ce75121b43
    a871a71ed2cb6463 a8fdcf219c2bbd87 aa102885386a10bf aaf1f87b3d545bab
    ac6fa36dc27cd8b2 add47178ef4ff133 ae269b4049902172 ae3d0912c5feff09
    b0166574c475a850 b20cc734c6117004 b25c82692ebc4413 b5703905ea257daa
    b595d4c03addcaf8 b6290ba5f02cd371 b65ed0617a8483d7 b6fa3f1675e62082
    b78785cd55443b35 b916adeb81dab2f1 b9b32027b2963148 b9de6f8f5a52965a
    bb5541598ef95e7a bc9838c9453ff20a bd09f4889afa2c92 bd0a069cfb0cfdc0
    bd8d8abe63bcd2c7 bfcd9b7658054f1d c03e470656bd941c c0d62ef0824b4c59
    c0efa09a2114d102 c1f3ff29d4ec0e5a c2cfbf4af38b17c5 c453de21698c5aa1
    c59ece2055f65482 c6227b9b583b61b9 c67c3724016367a2 c8e2d56440e93bcf
    c954b40d39720b2b c95ace785ea525b7 c98cc39dca26d2e0 ca38231f61d5c2b0
    ca6c6edd0dcccfbd cc00e41ff3c0cd12 ccc6c790a160c664 cf22179b9637f1fe
    cf40d6552bd15597 cf5c96ebb5b78ab1 cf728f172a7b6a09 d06bc5febd6c0811
    d145aa9cdbccea2f d16e15269cefcea5 d1729c96abf4aad5 d1a320128376bd4a
    d327d5de08be4b5f d3289d3849c8187d d3aef6b234465530 d3c5c7fd9bdbdd99
    d41b9cbbe11e6ee3 d42bc4db364c5b7f d447d9375f75465a d4cfa2444f7b6068
    d4ddf630382951cb d5426da39507a64e d69dd4f9ab5b870b d70e31abd6e40b77
    d710b9aebd200790 d73b728a3f87e91b d78ad2b24818247f d90d607b9020f826
    dc1cb3d05fc4f4cd dd7e6848fd8fb18e de1081268314e0c7 de7a0558afd6b8ff
    df847ba0664af3c4 dfbbb21968defc2b e0208ddc9da00c3a e12c9a17e210fdc3
    e1d523cffaf0857a e1e049a56012e5ba e1e64b9a1cdf1b2c e297b4249ffbb51d
    e2d7c8d29814a4ad e3fc77e833af1433 e55bdd2153b6efe2 e743abc4438d9d1b
    ee855be932cede3a eeafdcdee6d997a5 ef2e15d76f4f1494 eff3065cd22b9868
    f00cb4c9f5e1a9d8 f010bda8fc3682ca f05f4aa4f5df0562 f13f7a15b2d6c210
    f36e268479b0dfe3 f4fbe87aebdc9025 f520a77482906beb f5486429082e9e41
    f5653150641d2a90 f58a179e2e97563e f6f51bb7ccee9937 f82700cd9fe0f730
    f86c6863892c6f0c f9377fef2246b926 f9bae6d67e24525e fac04a14236200c3
    fac8e321545f7a74 fcfd66b1cdcfe86a fe5e3837dd78b073 fe8cea496d3f7d40
    ff521cc778295fe2 ffba903b30dc44da
    """.split()
)

FORBIDDEN_SHORT = frozenset(
    """
    40d8618475b66750 641439525c184f3e 6bc223b613e80762 6ddd4e2926fca14d
    94d9307ab16d11bb a41bfc2859be3c23 ad0e7cb2e5c19999
    """.split()
)

#: Trainee-visible text: instrument specs and vignettes (package data), module
#: MyST sources, and the Python that builds what notebooks show or say.
SHIPPED_GLOBS = (
    "course/data/instruments/*.yaml",
    "course/data/vignettes/*.yaml",
    "notebooks/*/*.md",
    "course/**/*.py",
    "answer_key/src/answer_key/**/*.py",
)


def words(text: str) -> list[str]:
    """Normalised words of ``text``.

    >>> words("The client's well-being (Work, School)")
    ['the', 'clients', 'well', 'being', 'work', 'school']
    """
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("'", "")
    return re.sub(r"[^a-z0-9]+", " ", text).split()


def digest(shingle: list[str]) -> str:
    """First 16 hex digits of the SHA-256 of the words joined by single spaces."""
    return hashlib.sha256(" ".join(shingle).encode()).hexdigest()[:16]


def findings(
    text: str, four: frozenset[str] = FORBIDDEN_4, short: frozenset[str] = FORBIDDEN_SHORT
) -> list[tuple[int, str]]:
    """(line number, matching words) for every forbidden shingle in ``text``.

    Shingles run across line breaks (a phrase wrapped over two lines is still
    caught); the line reported is the one where the shingle starts.

    >>> findings("a quick brown fox jumps", frozenset({digest(["quick", "brown", "fox", "jumps"])}))
    [(1, 'quick brown fox jumps')]
    """
    tokens: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        tokens += [(number, w) for w in words(line)]
    found = []
    for size in (2, 3, 4):
        wanted = four if size == 4 else short
        for i in range(len(tokens) - size + 1):
            window = tokens[i : i + size]
            shingle = [w for _, w in window]
            if digest(shingle) in wanted:
                found.append((window[0][0], " ".join(shingle)))
    return sorted(set(found))


def shipped_files() -> list[Path]:
    files = {p for pattern in SHIPPED_GLOBS for p in ROOT.glob(pattern)}
    return sorted(p for p in files if ".ipynb_checkpoints" not in p.parts)


def test_the_forbidden_sets_are_hashes_not_wording():
    assert len(FORBIDDEN_4) > 250 and len(FORBIDDEN_SHORT) >= 5
    assert all(re.fullmatch(r"[0-9a-f]{16}", h) for h in FORBIDDEN_4 | FORBIDDEN_SHORT)


def test_the_detector_catches_a_planted_phrase_across_a_line_break():
    planted = frozenset({digest(words("rated the session highly"))})
    text = "The client\nrated the session\nhighly today."
    assert findings(text, planted, frozenset()) == [(2, "rated the session highly")]
    assert findings("the session was rated highly", planted, frozenset()) == []


def test_shipped_files_are_found():
    names = {p.name for p in shipped_files()}
    assert {"ors.yaml", "srs.yaml", "csq-8.yaml", "wai-sr.yaml", "ceq.yaml"} <= names
    assert any(n.endswith(".md") for n in names)


#: Files that still carry the SRS form's line headings and belong to work in progress
#: elsewhere (the SRS practice widget's line names). Strict:
#: once a file is fixed its xfail turns into a failure, so remove its entry then.
PENDING: dict[str, str] = {}


def _params():
    for path in shipped_files():
        rel = str(path.relative_to(ROOT))
        marks = [pytest.mark.xfail(strict=True, reason=PENDING[rel])] if rel in PENDING else []
        yield pytest.param(path, id=rel, marks=marks)


@pytest.mark.parametrize("path", list(_params()))
def test_no_published_item_wording_ships(path):
    hits = findings(path.read_text(encoding="utf-8"))
    assert not hits, (
        f"{path.relative_to(ROOT)} reproduces published wording of a licensed instrument "
        f"(line, words): {hits}. Rewrite it as a genuine paraphrase: different words, same construct."
    )
