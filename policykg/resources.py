"""The data files the package ships, read with `importlib.resources`.

They live in sub-packages so that a wheel carries them and an installed policykg finds
them wherever it is installed (the source tree's folders, see pyproject.toml):

- `policykg.ontology` (`ontology/`): the OWL ontology and the SHACL shapes;
- `policykg.gazetteer_data` (`data/gazetteer/`): Vietnam's map before 1 July 2025;
- `policykg.geo_data` (`data/geo/`): the provinces' outlines for the audit map (Natural Earth);
- `policykg.queries` (`queries/`): the saved queries.

A missing file is an error (`MissingDataError`, one line naming the file): the store must
not be built without its ontology, nor a document read without the gazetteer.
"""
from dataclasses import dataclass
from importlib import resources


class MissingDataError(Exception):
    """A data file of the package is not installed; the message is one line for the user."""


@dataclass(frozen=True)
class DataFile:
    """One file of a package's data: `DataFile("policykg.ontology", "shapes.ttl")`."""
    package: str
    name: str

    def traversable(self):
        try:
            return resources.files(self.package) / self.name
        except ModuleNotFoundError:
            raise MissingDataError(f"{self}: the package {self.package} is not installed; reinstall policykg") from None

    def exists(self) -> bool:
        try:
            return self.traversable().is_file()
        except MissingDataError:
            return False

    def read_bytes(self) -> bytes:
        try:
            return self.traversable().read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            raise MissingDataError(f"{self}: this data file of policykg is missing; reinstall policykg") from None

    def read_text(self, encoding: str = "utf-8") -> str:
        return self.read_bytes().decode(encoding)

    def __str__(self) -> str:
        return f"{self.package.replace('.', '/')}/{self.name}"


ONTOLOGY = DataFile("policykg.ontology", "policykg.ttl")
SHAPES = DataFile("policykg.ontology", "shapes.ttl")
GAZETTEER_PRE2025 = DataFile("policykg.gazetteer_data", "pre2025.json")
PROVINCE_SHAPES = DataFile("policykg.geo_data", "vn-provinces.json")
