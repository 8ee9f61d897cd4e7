"""The probabilistic stage: a Splink model for Chinese person records.

Comparisons (each level's prior m and u are set here, so the model works even
on a village-sized extract; with enough records EM re-estimates m, and u is
estimated from random pairs):

* name: same characters › same toneless pinyin (homophone typo from pinyin
  input) › one character different › else — term-frequency adjusted, so two
  张伟 agreeing is weaker evidence than two 蕲晓蓓;
* birth date: same › one digit different › same year and month › else;
* ID number: one character different (weakly: same-day neighbours differ only
  in the sequence digits) › else (exact IDs were linked earlier);
* sex, village: same › else;
* mother (births only): same ID or same name › else.
"""

from __future__ import annotations

import logging
from typing import Any

import pyarrow as pa

from .link_options import LinkOptions

# The custom levels below are written in DuckDB's SQL; Splink translates them (sqlglot)
# when the same settings run on another backend, such as Spark for the province.
DUCKDB = "duckdb"


def _shared(left: str, right: str) -> str:
    """SQL: the two |a|b| lists (a plain value is a list of one) have a value in common."""
    def values(column: str) -> str:
        return f"list_filter(string_split({column}, '|'), lambda x: x <> '')"

    return f"list_has_any({values(left)}, {values(right)})"


def _levels() -> dict[str, list[Any]]:
    import splink.comparison_level_library as cll

    return {
        "name": [
            cll.NullLevel("name"),
            cll.ExactMatchLevel("name", term_frequency_adjustments=True).configure(m_probability=0.88, u_probability=0.0005),
            cll.ExactMatchLevel("name_py").configure(m_probability=0.06, u_probability=0.0008),
            cll.LevenshteinLevel("name", 1).configure(m_probability=0.04, u_probability=0.01),
            cll.CustomLevel(  # the same letters in another order: 王小明/王明小, given/surname swapped
                "list_sort(string_split(name_py_l, '')) = list_sort(string_split(name_py_r, ''))", "reordered", DUCKDB
            ).configure(m_probability=0.01, u_probability=0.0002),
            # near-homophones (n/l, -n/-ng) and Latin-script typos
            cll.JaroWinklerLevel("name_py", 0.88).configure(m_probability=0.015, u_probability=0.01),
            cll.ElseLevel().configure(m_probability=0.005, u_probability=0.9787),
        ],
        "birth_date": [
            cll.NullLevel("birth_date"),
            cll.ExactMatchLevel("birth_date").configure(m_probability=0.95, u_probability=0.0001),
            cll.CustomLevel(
                "levenshtein(CAST(birth_date_l AS VARCHAR), CAST(birth_date_r AS VARCHAR)) <= 1", "one digit", DUCKDB
            ).configure(m_probability=0.03, u_probability=0.002),
            cll.CustomLevel(
                "date_trunc('month', birth_date_l) = date_trunc('month', birth_date_r)", "same month", DUCKDB
            ).configure(m_probability=0.01, u_probability=0.003),
            cll.ElseLevel().configure(m_probability=0.01, u_probability=0.9949),
        ],
        "id_number": [
            cll.NullLevel("id_number"),
            # Modest weight: two people born the same day in the same county have IDs that
            # differ only in the sequence digits, so a near ID alone must not make a link.
            cll.LevenshteinLevel("id_number", 1).configure(m_probability=0.2, u_probability=0.002),
            cll.ElseLevel().configure(m_probability=0.8, u_probability=0.998),
        ],
        "sex": [
            cll.NullLevel("sex"),
            cll.ExactMatchLevel("sex").configure(m_probability=0.98, u_probability=0.5),
            cll.ElseLevel().configure(m_probability=0.02, u_probability=0.5),
        ],
        "address": [
            cll.NullLevel("address"),
            cll.ExactMatchLevel("address").configure(m_probability=0.7, u_probability=0.001),
            # A typo, not "similar": addresses of one village share a long prefix (湖北省蕲春县…村),
            # so Jaro-Winkler would call two different houses similar.
            cll.LevenshteinLevel("address", 2).configure(m_probability=0.2, u_probability=0.002),
            cll.ElseLevel().configure(m_probability=0.1, u_probability=0.989),
        ],
        "village_code": [
            cll.NullLevel("village_code"),
            cll.ExactMatchLevel("village_code").configure(m_probability=0.8, u_probability=0.01),
            cll.ElseLevel().configure(m_probability=0.2, u_probability=0.99),
        ],
        # births: one side names the mother (ID, name), the other lists every woman of the child's
        # household who could be her, as |id|id| and |name|name| — in either order
        "mother": [
            cll.CustomLevel(
                "(mother_id_l IS NULL AND mother_name_l IS NULL) OR (mother_id_r IS NULL AND mother_name_r IS NULL)",
                None, DUCKDB,
            ).configure(is_null_level=True),
            cll.CustomLevel(
                f"{_shared('mother_id_l', 'mother_id_r')} OR {_shared('mother_name_l', 'mother_name_r')}",
                "same mother", DUCKDB,
            ).configure(m_probability=0.95, u_probability=0.0005),
            cll.ElseLevel().configure(m_probability=0.05, u_probability=0.9995),
        ],
    }


def comparison_levels() -> dict[str, list[Any]]:
    """Each comparison's levels with their priors, by comparison name (the province reuses them)."""
    return _levels()


# Splink numbers a comparison's levels from the bottom (else = 0; null = -1).
LEVEL_LABELS: dict[str, tuple[str, ...]] = {
    "name": ("differ", "similar_pinyin", "reordered", "one_character", "same_pinyin", "same"),
    "birth_date": ("differ", "same_month", "one_digit", "same"),
    "id_number": ("differ", "one_character"),
    "sex": ("differ", "same"),
    "village_code": ("differ", "same"),
    "address": ("differ", "typo", "same"),
    "mother": ("differ", "same"),
}


def describe_levels(levels: dict[str, int]) -> dict[str, str]:
    """{'name': 2, …} → {'name': 'same_pinyin', …}; fields one side lacks are left out."""
    return {name: LEVEL_LABELS[name][gamma] for name, gamma in levels.items() if gamma >= 0}


def comparison_names(options: LinkOptions) -> list[str]:
    return ["name", "birth_date", "id_number", "sex", "village_code", "address"] + (["mother"] if options.use_mother else [])


def settings(options: LinkOptions) -> Any:
    import splink.comparison_library as cl
    from splink import SettingsCreator, block_on

    levels = _levels()
    names = comparison_names(options)
    # births: a newborn often has no name on the record yet, nor the record a village;
    # the day of birth, then the mother, decide (a county has a few dozen births a day)
    for_births = [block_on("birth_date"), block_on("address")] if options.use_mother else []
    return SettingsCreator(
        link_type="link_only",
        unique_id_column_name="rid",
        probability_two_random_records_match=0.0001,
        comparisons=[cl.CustomComparison(levels[n], output_column_name=n) for n in names],
        blocking_rules_to_generate_predictions=[
            block_on("birth_date", "name_py"),
            block_on("name_py"),  # birth date mistyped
            block_on("birth_date", "village_code"),  # name mistyped beyond a homophone
            block_on("birth_date", "substr(name_py, 1, 2)"),
            # ID numbers two or more slips apart: same region and birth date digits, same surname
            # (a looser key — region and three letters of pinyin — made 10⁷ pairs at county scale)
            block_on("substr(id_number, 1, 14)", "substr(name_py, 1, 2)"),
            *for_births,
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=True,
    )


def predict(left: pa.Table, right: pa.Table, options: LinkOptions) -> tuple[pa.Table, dict[str, Any]]:
    """Scored candidate pairs (left_rid, right_rid, score, evidence) and the model used."""
    from splink import DuckDBAPI, Linker, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    db_api = DuckDBAPI()
    frames = [db_api.register(left, table_name="canvass_rest"), db_api.register(right, table_name="source_rest")]
    linker = Linker(frames, settings(options), log_level=logging.ERROR)
    smaller, larger = sorted((left.num_rows, right.num_rows))
    # EM needs enough pairs and a fair share of true ones: a few hundred people looked
    # up among half a million insurance records would teach it nonsense; priors serve better.
    trained = options.train and smaller >= options.min_records_to_train and larger <= 3 * smaller
    if trained:
        try:
            linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_on("birth_date"), fix_u_probabilities=True, estimate_without_term_frequencies=True
            )
        except ValueError:
            # EM can drive a level no pair shows to ~0 (Splink refuses m < 1e-300):
            # fall back to the priors above rather than fail the whole run.
            linker = Linker(frames, settings(options), log_level=logging.ERROR)
            trained = False
    linker.inference.predict(threshold_match_probability=options.review).as_duckdbpyrelation().create_view("scored")
    gammas = ", ".join(f"'{n}', gamma_{n}" for n in comparison_names(options))
    table = db_api.duckdb_con.sql(
        f"""SELECT CASE WHEN source_dataset_l = 'canvass_rest' THEN rid_l ELSE rid_r END AS left_rid,
                   CASE WHEN source_dataset_l = 'canvass_rest' THEN rid_r ELSE rid_l END AS right_rid,
                   match_probability AS score,
                   json_object('levels', json_object({gammas}), 'match_weight', match_weight)::VARCHAR AS evidence
            FROM scored"""
    ).to_arrow_table()
    model = linker.misc.save_model_to_json()
    model["renpu_trained"] = trained
    return table, model
