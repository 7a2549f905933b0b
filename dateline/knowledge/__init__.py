"""dateline's knowledge: vocabularies, the actor KB, type mappings and gazetteer supplements, as data files.

The files are read only through `dateline.knowledge.loader` (see its docstring); each stage has its own loader
built on it, and `pipeline.load_resources` hands what they load to the stages.
"""

from dateline.knowledge.loader import (
    KNOWLEDGE_DIR,
    KnowledgeError,
    TsvRow,
    entries,
    knowledge_path,
    read_lines,
    read_tsv,
    read_yaml,
    where,
    yaml_section,
    yaml_words,
)

__all__ = [
    "KNOWLEDGE_DIR",
    "KnowledgeError",
    "TsvRow",
    "entries",
    "knowledge_path",
    "read_lines",
    "read_tsv",
    "read_yaml",
    "where",
    "yaml_section",
    "yaml_words",
]
