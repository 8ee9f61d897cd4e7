from renpu.core import missed


def test_unmapped_units_unlisted_buildings_and_area_counts():
    area = "421126100201001"
    units = [missed.CanvassUnit("household", "h1", area[:12], "1", area, f"{area}001", "1号"),
             missed.CanvassUnit("vacant_dwelling", "v1", area[:12], "1", area, f"{area}002", "2号"),
             missed.CanvassUnit("household", "h2", area[:12], "1", area, "", "无编号")]
    mapped = [missed.MappedBuilding(f"{area}001", area, "1号"), missed.MappedBuilding(f"{area}009", area, "新建房"),
              missed.MappedBuilding(f"{area}010", area, "时珍花园3栋")]
    result = missed.find_missed(units, mapped, complex_names=["时珍花园"])
    assert [u.key for u in result.unmapped] == ["v1", "h2"]
    assert [b.building_code for b in result.unlisted] == [f"{area}009"]
    (count,) = result.areas
    assert (count.mapped_buildings, count.households, count.vacant_dwellings, count.unmapped_units,
            count.unlisted_buildings) == (3, 2, 1, 2, 1)


def test_the_report_and_the_comparison_find_the_same_missed_dwellings():
    """One rule for 查漏房 and the mapping comparison: each case through both."""
    import pyarrow as pa

    from renpu.core.comparisons import Context, SourceTable, mapping

    area = "421126100201001"
    village = area[:12]
    households = [  # (key, building code, 住所类型)
        ("h-mapped", f"{area}001", "1"),
        ("h-unmapped", f"{area}002", "1"),  # a building the map lacks
        ("h-no-code", "", "1"),  # no building code: it cannot be on the map
        ("h-no-housing", "", "5"),  # 居无定所: no dwelling to draw
    ]
    buildings = [  # (building code, name or address)
        (f"{area}001", "1号"),
        (f"{area}009", "新建房屋"),  # nobody listed in it
        (f"{area}010", "时珍花园3栋"),  # a listed complex's building
    ]
    report = missed.find_missed(
        [missed.CanvassUnit("household", key, village, "1", area, code, key, residence_type=kind)
         for key, code, kind in households],
        [missed.MappedBuilding(code, area, name) for code, name in buildings], complex_names=["时珍花园"])
    context = Context(
        persons=pa.table({"rid": pa.array([], pa.string())}),
        households=pa.Table.from_pylist([{"rid": key, "village_code": village, "address": key, "building_code": code or None,
                                          "residence_type": kind} for key, code, kind in households]),
        complexes=pa.Table.from_pylist([{"rid": "L1", "village_code": village, "name": "时珍花园", "address": "时珍路1号"}]),
        sources={"mapping": SourceTable("mapping", pa.Table.from_pylist(
            [{"rid": str(i), "file": "建筑物.csv", "row": i + 2, "village_code": None, "building_code": code,
              "enumeration_area": area, "address": name} for i, (code, name) in enumerate(buildings)]))})
    found = mapping.compare(context)
    assert sorted(u.key for u in report.unmapped) == ["h-no-code", "h-unmapped"]
    assert sorted(f.canvass_key for f in found if f.code == "mapping.unmapped_dwelling") == ["h-no-code", "h-unmapped"]
    assert [b.building_code for b in report.unlisted] == [f"{area}009"]
    assert [f.name for f in found if f.code == "mapping.unlisted_building"] == [f"{area}009"]
