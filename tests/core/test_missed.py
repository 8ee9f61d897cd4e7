from renpu.core import missed


def test_unmapped_units_unlisted_buildings_and_area_counts():
    area = "421126100201001"
    units = [missed.CanvassUnit("household", "h1", area[:12], "1", area, f"{area}001", "1号"),
             missed.CanvassUnit("vacant_dwelling", "v1", area[:12], "1", area, f"{area}002", "2号"),
             missed.CanvassUnit("household", "h2", area[:12], "1", area, "", "无编号")]
    mapped = [missed.MappedBuilding(f"{area}001", area, "1号"), missed.MappedBuilding(f"{area}009", area, "新建房"),
              missed.MappedBuilding(f"{area}010", area, "时珍花园3栋")]
    result = missed.find_missed(units, mapped, complex_addresses=["时珍花园"])
    assert [u.key for u in result.unmapped] == ["v1", "h2"]
    assert [b.building_code for b in result.unlisted] == [f"{area}009"]
    (count,) = result.areas
    assert (count.mapped_buildings, count.households, count.vacant_dwellings, count.unmapped_units,
            count.unlisted_buildings) == (3, 2, 1, 2, 1)
